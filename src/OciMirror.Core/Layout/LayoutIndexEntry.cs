using Newtonsoft.Json.Linq;
using OciMirror.Core.Model;

namespace OciMirror.Core.Layout
{
    /// <summary>
    /// One <c>manifests[]</c> entry of index.json: the JSON exactly as read (so fields we do not model
    /// survive a rewrite) and the descriptor parsed from it. Treat as immutable.
    /// </summary>
    internal sealed class LayoutIndexEntry
    {
        public LayoutIndexEntry(JObject json, Descriptor descriptor)
        {
            Json = json;
            Descriptor = descriptor;
        }

        /// <summary>The entry as stored; written back verbatim.</summary>
        public JObject Json { get; }

        /// <summary>The parsed descriptor, annotations and platform included.</summary>
        public Descriptor Descriptor { get; }

        /// <summary>An entry for a descriptor we write ourselves.</summary>
        public static LayoutIndexEntry FromDescriptor(Descriptor descriptor) =>
            new LayoutIndexEntry(JObject.FromObject(descriptor), descriptor);
    }
}
