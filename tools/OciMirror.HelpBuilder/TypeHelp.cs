using System.Collections.Generic;

namespace OciMirror.HelpBuilder
{
    /// <summary>One <c>###</c> entry of INPUTS or OUTPUTS: a type name and what it carries.</summary>
    internal sealed class TypeHelp
    {
        public string Name { get; set; } = string.Empty;

        public List<string> Description { get; } = new List<string>();
    }
}
