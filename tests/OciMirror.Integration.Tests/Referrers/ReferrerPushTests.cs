using System.IO;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Referrers
{
    /// <summary>
    /// <c>push --subject</c> attaches an artifact to an image: on a registry without the referrers API the
    /// pushing client must list it in the referrers tag index (distribution-spec 1.1), or nobody finds it.
    /// </summary>
    public sealed class ReferrerPushTests
    {
        [Theory]
        [InlineData(RegistryKind.Fake)]
        [InlineData(RegistryKind.Distribution)]
        public async Task Push_WithASubject_IsDiscoverableFromIt_AndCarriedByAnExport(RegistryKind kind)
        {
            var set = new SignedImageSet();
            await using ITestRegistry registry = await TestRegistry.StartAsync(kind);
            await SignedSetPush.PushAsync(registry, set.ImageUploads);
            using var dir = new TempDirectory();
            string sbom = dir.Combine("sbom.spdx.json");
            await File.WriteAllTextAsync(sbom, "{\"spdxVersion\":\"SPDX-2.3\"}");
            string app = registry.Host + "/" + SignedImageSet.App;

            CliResult push = await CliRunner.RunAsync("push", app + ":sbom", sbom + ":" + SignedImageSet.SbomType, "--artifact-type", SignedImageSet.SbomType, "--subject", app + ":1.0", "--plain-http", "--json");

            Assert.True(push.ExitCode == 0, push.ToString());
            string pushed = push.JsonLines[0].GetProperty("digest").GetString()!;
            Assert.Equal(new[] { pushed }, await ReferrerProbe.DigestsAsync(registry, SignedImageSet.App, set.Image.Digest));

            CliResult again = await CliRunner.RunAsync("push", app + ":sbom", sbom + ":" + SignedImageSet.SbomType, "--artifact-type", SignedImageSet.SbomType, "--subject", app + ":1.0", "--plain-http");
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.Equal(new[] { pushed }, await ReferrerProbe.DigestsAsync(registry, SignedImageSet.App, set.Image.Digest));

            CliResult export = await CliRunner.RunAsync("export", app + ":1.0", "-o", dir.Combine("bundle"), "--plain-http", "--json");
            Assert.True(export.ExitCode == 0, export.ToString());
            Assert.Contains(export.JsonLines, j => j.GetProperty("digest").GetString() == pushed && j.GetProperty("referrerOf").GetString() == set.Image.Digest);
        }
    }
}
