using System.Collections.Generic;

namespace OciMirror.HelpBuilder
{
    /// <summary>One <c>### Example N: title</c> of a page: its code and the text around it.</summary>
    internal sealed class ExampleHelp
    {
        public string Title { get; set; } = string.Empty;

        /// <summary>Text before the first code block.</summary>
        public List<string> Introduction { get; } = new List<string>();

        /// <summary>The lines of the example's code blocks, joined by newlines.</summary>
        public string Code { get; set; } = string.Empty;

        /// <summary>Text after the first code block.</summary>
        public List<string> Remarks { get; } = new List<string>();
    }
}
