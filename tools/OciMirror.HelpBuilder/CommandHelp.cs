using System.Collections.Generic;

namespace OciMirror.HelpBuilder
{
    /// <summary>The help of one cmdlet as read from its platyPS page; text is kept as paragraphs.</summary>
    internal sealed class CommandHelp
    {
        public string Name { get; set; } = string.Empty;

        public string Synopsis { get; set; } = string.Empty;

        public List<string> Description { get; } = new List<string>();

        public List<ExampleHelp> Examples { get; } = new List<ExampleHelp>();

        public List<ParameterHelp> Parameters { get; } = new List<ParameterHelp>();

        public List<TypeHelp> Inputs { get; } = new List<TypeHelp>();

        public List<TypeHelp> Outputs { get; } = new List<TypeHelp>();

        public List<string> Notes { get; } = new List<string>();

        public List<LinkHelp> Links { get; } = new List<LinkHelp>();

        /// <summary>The verb of <c>Verb-Noun</c>.</summary>
        public string Verb => Name.Split('-')[0];

        /// <summary>The noun of <c>Verb-Noun</c>.</summary>
        public string Noun => Name.Contains('-') ? Name.Substring(Name.IndexOf('-') + 1) : string.Empty;
    }
}
