using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace OciMirror.Benchmarks.Corpus
{
    /// <summary>
    /// The corpus of DESIGN §11, scaled to a size: 5 repositories, 9 tags. A base layer (15 %) shared by
    /// three OCI and three Docker images in two repositories; one own layer per image; an OCI index and a
    /// Docker manifest list of two platforms each; an image of 50 small (10 KiB) layers. Layer bytes are
    /// generated, never stored; <see cref="MeasureAsync"/> learns digests and sizes.
    /// </summary>
    internal sealed class BenchCorpus
    {
        public const string Prefix = "bench/";

        private BenchCorpus(IReadOnlyList<ImageSpec> images, IReadOnlyList<IndexSpec> indexes)
        {
            Images = images;
            Indexes = indexes;
        }

        /// <summary>Tagged images.</summary>
        public IReadOnlyList<ImageSpec> Images { get; }

        /// <summary>Tagged indexes and lists.</summary>
        public IReadOnlyList<IndexSpec> Indexes { get; }

        /// <summary>Every distinct layer.</summary>
        public IEnumerable<LayerSpec> Layers => Images.Concat(Indexes.SelectMany(i => i.Children)).SelectMany(i => i.Layers).Distinct();

        /// <summary>Bytes of all distinct layers (configs and manifests add a few KB).</summary>
        public long UniqueLayerBytes => Layers.Sum(l => l.Size);

        /// <summary>Repository paths (without the registry).</summary>
        public IEnumerable<string> Repositories => Images.Select(i => i.Repository).Concat(Indexes.Select(i => i.Repository)).Distinct();

        /// <summary>Tagged references, <c>repository:tag</c>.</summary>
        public IEnumerable<string> Tags => Images.Select(i => i.Repository + ":" + i.Tag).Concat(Indexes.Select(i => i.Repository + ":" + i.Tag));

        public static BenchCorpus Define(long totalBytes)
        {
            ulong seed = 1;
            LayerSpec Layer(double share) => new LayerSpec(seed++, Math.Max(1024, (long)(totalBytes * share)));
            LayerSpec shared = Layer(0.15);
            var images = new List<ImageSpec>();
            for (int i = 1; i <= 3; i++)
            {
                images.Add(new ImageSpec(Prefix + "alpha", i.ToString(), oci: true, "amd64", new[] { shared, Layer(0.07) }));
                images.Add(new ImageSpec(Prefix + "beta", i.ToString(), oci: false, "amd64", new[] { shared, Layer(0.07) }));
            }

            images.Add(new ImageSpec(Prefix + "small", "50-layers", oci: true, "amd64", Enumerable.Range(0, 50).Select(_ => new LayerSpec(seed++, 10 * 1024)).ToList()));
            var indexes = new List<IndexSpec>
            {
                new IndexSpec(Prefix + "multi", "oci-index", oci: true, new[] { Child(Prefix + "multi", true, "amd64", Layer(0.1)), Child(Prefix + "multi", true, "arm64", Layer(0.1)) }),
                new IndexSpec(Prefix + "list", "docker-list", oci: false, new[] { Child(Prefix + "list", false, "amd64", Layer(0.1)), Child(Prefix + "list", false, "arm64", Layer(0.1)) }),
            };
            return new BenchCorpus(images, indexes);
        }

        /// <summary>Generates every layer once (in parallel) to learn digests and sizes.</summary>
        public Task MeasureAsync() => Task.WhenAll(Layers.Select(l => Task.Run(() => LayerGenerator.MeasureAsync(l))));

        private static ImageSpec Child(string repository, bool oci, string architecture, LayerSpec layer) =>
            new ImageSpec(repository, null, oci, architecture, new[] { layer });
    }
}
