namespace OciMirror.Core.Layout
{
    /// <summary>How to open a bundle directory.</summary>
    public enum LayoutOpenMode
    {
        /// <summary>The directory must be an OCI layout (oci-layout and index.json present and valid).</summary>
        ReadOnly,

        /// <summary>Create the layout when the directory is missing or empty; open it when it is a layout; refuse a file or a non-empty directory that is not a layout.</summary>
        CreateOrOpen,
    }
}
