namespace OciMirror.HelpBuilder
{
    /// <summary>One RELATED LINKS entry: the text and, for absolute links, the URI (relative .md links have none in MAML).</summary>
    internal sealed class LinkHelp
    {
        public string Text { get; set; } = string.Empty;

        public string Uri { get; set; } = string.Empty;
    }
}
