using System.Collections.Generic;

namespace OciMirror.HelpBuilder
{
    /// <summary>One <c>### -Name</c> entry of a page's PARAMETERS section with its yaml block.</summary>
    internal sealed class ParameterHelp
    {
        public string Name { get; set; } = string.Empty;

        public List<string> Description { get; } = new List<string>();

        /// <summary>The .NET type name as written (<c>String[]</c>, <c>SwitchParameter</c>).</summary>
        public string Type { get; set; } = "Object";

        /// <summary>Parameter set names; empty means every set (<c>(All)</c>).</summary>
        public List<string> ParameterSets { get; } = new List<string>();

        public List<string> Aliases { get; } = new List<string>();

        public List<string> AcceptedValues { get; } = new List<string>();

        public bool Required { get; set; }

        /// <summary><c>Named</c> or a zero-based position.</summary>
        public string Position { get; set; } = "Named";

        public string DefaultValue { get; set; } = "None";

        /// <summary>As written, for example <c>True (ByValue, ByPropertyName)</c> or <c>False</c>.</summary>
        public string PipelineInput { get; set; } = "False";

        public bool Globbing { get; set; }

        public bool IsSwitch => Type == "SwitchParameter";

        public bool InSet(string set) => ParameterSets.Count == 0 || ParameterSets.Contains(set);
    }
}
