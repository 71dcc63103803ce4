using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.Core.Registry;
using OciMirror.Integration.Tests.Corpus;
using Xunit;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>
    /// The export-then-import every credential and TLS test performs, through the real CLI (in-process)
    /// or the Core API, with the oracle checks: a verified bundle holding exactly the expected roots, and
    /// the same digests in the registry under the import prefix (asked with raw HTTP, not OciMirror).
    /// </summary>
    public static class SecureFlow
    {
        /// <summary>Two small tags of two repositories: an OCI image and a non-image artifact.</summary>
        public static IReadOnlyList<CorpusTag> SmallSet =>
            new[] { CorpusSeed.Corpus.Tag(CorpusBuilder.Alpha, "oci-1"), CorpusSeed.Corpus.Tag(CorpusBuilder.Gamma, "thing") };

        /// <summary>A fresh import prefix (tests sharing a registry never collide).</summary>
        public static string NewPrefix(string label) => label + "-" + Guid.NewGuid().ToString("N").Substring(0, 8);

        /// <summary><c>ocimirror export -o BUNDLE REFS… ARGS…</c>.</summary>
        public static Task<CliResult> ExportAsync(string registryHost, string bundle, IEnumerable<CorpusTag> tags, string? stdin, params string[] args) =>
            CliRunner.RunWithInputAsync(stdin ?? string.Empty, new[] { "export", "-o", bundle }.Concat(tags.Select(t => t.ReferenceAt(registryHost))).Concat(args).ToArray());

        /// <summary><c>ocimirror import BUNDLE --to HOST/PREFIX ARGS…</c>.</summary>
        public static Task<CliResult> ImportAsync(string registryHost, string prefix, string bundle, string? stdin, params string[] args) =>
            CliRunner.RunWithInputAsync(stdin ?? string.Empty, new[] { "import", bundle, "--to", registryHost + "/" + prefix }.Concat(args).ToArray());

        /// <summary>Export then import with the same arguments, asserting both and the registry's digests.</summary>
        public static Task<(CliResult Export, CliResult Import)> RoundTripAsync(
            SecureRegistry registry, AuthenticationHeaderValue? probeAuth, string registryHost, IEnumerable<CorpusTag> tags, string label, string? stdin, params string[] args) =>
            RoundTripScopedAsync(registry, _ => probeAuth, registryHost, tags, label, stdin, args);

        /// <summary>As above, with a probe Authorization per repository (bearer tokens are scoped).</summary>
        public static async Task<(CliResult Export, CliResult Import)> RoundTripScopedAsync(
            SecureRegistry registry, Func<string, AuthenticationHeaderValue?> probeAuth, string registryHost, IEnumerable<CorpusTag> tags, string label, string? stdin, params string[] args)
        {
            var list = tags.ToList();
            using var work = new TempDirectory("ocimirror-flow");
            string bundle = work.Combine("bundle");
            CliResult export = await ExportAsync(registryHost, bundle, list, stdin, args).ConfigureAwait(false);
            Assert.True(export.ExitCode == 0, "export failed:\n" + export);
            AssertBundle(bundle, list);

            string prefix = NewPrefix(label);
            CliResult import = await ImportAsync(registryHost, prefix, bundle, stdin, args).ConfigureAwait(false);
            Assert.True(import.ExitCode == 0, "import failed:\n" + import);
            await AssertImportedAsync(registry, null, prefix, list, probeAuth).ConfigureAwait(false);
            return (export, import);
        }

        /// <summary>The bundle is a verified layout whose index.json has every tag's digest.</summary>
        public static void AssertBundle(string bundle, IEnumerable<CorpusTag> tags)
        {
            Assert.Empty(BundleInspector.BlobProblems(bundle));
            var digests = BundleInspector.IndexEntries(bundle).Select(e => e.Digest).ToHashSet();
            foreach (CorpusTag tag in tags)
            {
                Assert.True(digests.Contains(tag.Digest), $"{tag} ({tag.Digest}) is not in the bundle's index.json");
                foreach (string d in CorpusSeed.Corpus.ClosureOf(tag))
                {
                    Assert.True(BundleInspector.BlobDigests(bundle).Contains(d), $"{tag}: {d} missing from the bundle");
                }
            }
        }

        /// <summary>Every tag exists under <c>PREFIX/REPOSITORY:TAG</c> with its original digest.</summary>
        public static async Task AssertImportedAsync(SecureRegistry registry, AuthenticationHeaderValue? probeAuth, string prefix, IEnumerable<CorpusTag> tags, Func<string, AuthenticationHeaderValue?>? authForRepository = null)
        {
            foreach (CorpusTag tag in tags)
            {
                string repository = prefix + "/" + tag.Repository;
                string? digest = await SecureProbe.ManifestDigestAsync(registry, authForRepository?.Invoke(repository) ?? probeAuth, repository, tag.Tag).ConfigureAwait(false);
                Assert.True(digest == tag.Digest, $"{repository}:{tag.Tag} has {digest ?? "nothing"}, expected {tag.Digest}");
            }
        }

        /// <summary>Runs an export through the Core API; returns the results, or the exception the operation threw.</summary>
        public static async Task<(IReadOnlyList<ArtifactResult> Results, Exception? Thrown)> CoreExportAsync(string registryHost, string bundle, IEnumerable<CorpusTag> tags, RegistryAccessOptions source, CapturingObserver observer)
        {
            var request = new ExportRequest { References = tags.Select(t => t.ReferenceAt(registryHost)).ToList(), BundlePath = bundle, Source = source };
            try
            {
                await new ExportOperation(request).RunAsync(observer, default).ConfigureAwait(false);
                return (observer.Results, null);
            }
            catch (Exception e)
            {
                return (observer.Results, e);
            }
        }

        /// <summary>Runs an import through the Core API; returns the results, or the exception the operation threw.</summary>
        public static async Task<(IReadOnlyList<ArtifactResult> Results, Exception? Thrown)> CoreImportAsync(string registryHost, string prefix, string bundle, RegistryAccessOptions target, CapturingObserver observer)
        {
            var request = new ImportRequest { BundlePath = bundle, Destination = registryHost + "/" + prefix, Target = target };
            try
            {
                await new ImportOperation(request).RunAsync(observer, default).ConfigureAwait(false);
                return (observer.Results, null);
            }
            catch (Exception e)
            {
                return (observer.Results, e);
            }
        }

        /// <summary>The single failure of a Core run: the thrown <see cref="OciException"/> or the first failed result's error.</summary>
        public static OciException SingleFailure((IReadOnlyList<ArtifactResult> Results, Exception? Thrown) run, string context)
        {
            if (run.Thrown is OciException thrown)
            {
                return thrown;
            }

            Assert.True(run.Thrown == null, context + ": unexpected exception " + run.Thrown);
            ArtifactResult? failed = run.Results.FirstOrDefault(r => r.Status == ArtifactStatus.Failed);
            Assert.True(failed?.Error != null, context + ": expected a failure, got " + string.Join(", ", run.Results.Select(r => r.Input + "=" + r.Status)));
            return failed!.Error!;
        }

        /// <summary>Asserts a Core run finished without failures.</summary>
        public static void AssertSucceeded((IReadOnlyList<ArtifactResult> Results, Exception? Thrown) run, CapturingObserver observer, string context)
        {
            Assert.True(run.Thrown == null, context + ": " + run.Thrown + "\n" + observer.Text);
            Assert.NotEmpty(run.Results);
            Assert.True(run.Results.All(r => r.Status != ArtifactStatus.Failed), context + ":\n" + observer.Text);
        }
    }
}
