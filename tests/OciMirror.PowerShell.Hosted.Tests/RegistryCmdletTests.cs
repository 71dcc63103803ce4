using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using OciMirror.PowerShell.Hosted.Tests.Support;
using Xunit;

namespace OciMirror.PowerShell.Hosted.Tests
{
    /// <summary>
    /// The cmdlets against docker-registry on 127.0.0.1 in a real runspace: -WhatIf reaching ShouldProcess,
    /// -Verbose, progress records, output order, objects from Get-OciTag binding into Export.
    /// </summary>
    [Collection(RegistryCollection.Name)]
    public sealed class RegistryCmdletTests
    {
        private readonly SeededRegistry _registry;

        public RegistryCmdletTests(SeededRegistry registry)
        {
            _registry = registry;
        }

        private ModuleSession Session => _registry.Session;

        private string NewPath(string name) => _registry.Work.Combine(Guid.NewGuid().ToString("N").Substring(0, 8) + "-" + name);

        [Fact]
        public void WhatIf_reaches_ShouldProcess_for_each_artifact_and_writes_nothing()
        {
            string bundle = NewPath("whatif");

            ScriptRun run = Session.Run($"Export-OciArtifact -Reference '{_registry.Host}/fw/app:1.0', '{_registry.Host}/fw/app:multi' -Path '{bundle}' -PlainHttp -WhatIf");

            // Declined is what an artifact becomes only when ShouldProcess said no; the plan was made first.
            Assert.Empty(run.Errors);
            Assert.Equal(new[] { "Declined", "Declined" }, run.Property("Status"));
            Assert.Equal(new[] { _registry.Digests["1.0"], _registry.Digests["multi"] }, run.Property("Digest"));
            Assert.False(Directory.Exists(bundle) || File.Exists(bundle));
        }

        [Fact]
        public void Import_WhatIf_pushes_nothing()
        {
            string bundle = NewPath("bundle");
            Assert.Empty(Session.Run($"Export-OciArtifact -Reference '{_registry.Host}/fw/app:2.0' -Path '{bundle}' -PlainHttp").Errors);
            string prefix = "whatif" + Guid.NewGuid().ToString("N").Substring(0, 6);

            ScriptRun run = Session.Run($"Import-OciArtifact -Path '{bundle}' -Destination '{_registry.Host}/{prefix}' -PlainHttp -WhatIf");

            Assert.Equal("Declined", Assert.Single(run.Property("Status")));
            Assert.Null(HeadDigest(prefix + "/fw/app", "2.0"));
        }

        [Fact]
        public void Verbose_shows_the_ShouldProcess_action_and_the_summary()
        {
            ScriptRun run = Session.Run($"Export-OciArtifact -Reference '{_registry.Host}/fw/app:1.0' -Path '{NewPath("verbose")}' -PlainHttp -Verbose");

            Assert.Equal("Copied", Assert.Single(run.Property("Status")));
            Assert.Contains(run.Verbose, m => m.StartsWith("Performing the operation \"Export ", StringComparison.Ordinal) && m.Contains("/fw/app:1.0", StringComparison.Ordinal));
            Assert.Contains(run.Verbose, m => m.Contains(": 1 copied, 0 skipped, 0 declined, 0 failed;", StringComparison.Ordinal));
        }

        [Fact]
        public void Progress_records_are_in_range_and_every_activity_is_completed()
        {
            string bundle = NewPath("progress.tgz");

            ScriptRun run = Session.Run($"$ProgressPreference = 'Continue'; Export-OciArtifact -Reference '{_registry.Host}/fw/app:1.0', '{_registry.Host}/fw/app:multi' -Path '{bundle}' -PlainHttp");

            Assert.Empty(run.Errors);
            Assert.NotEmpty(run.Progress);
            Assert.All(run.Progress, p => Assert.InRange(p.PercentComplete, -1, 100));
            Assert.All(run.Progress, p => Assert.False(string.IsNullOrEmpty(p.Activity)));
            foreach (int id in run.Progress.Select(p => p.ActivityId).Distinct())
            {
                Assert.Equal(ProgressRecordType.Completed, run.Progress.Last(p => p.ActivityId == id).RecordType);
            }
        }

        [Fact]
        public void Results_come_in_input_order()
        {
            string[] references = _registry.BatchReferences.Reverse().ToArray();

            ScriptRun run = Session.Run($"$input | Export-OciArtifact -Path '{NewPath("order")}' -PlainHttp -ThrottleLimit 4", references);

            Assert.Empty(run.Errors);
            Assert.Equal(references, run.Property("Reference"));
        }

        [Fact]
        public void ErrorAction_Stop_on_a_bad_line_keeps_the_references_before_it_in_the_bundle()
        {
            string bundle = NewPath("stop");
            var lines = _registry.BatchReferences.ToList();
            lines.Insert(5, "Not A Ref!");

            ScriptRun run = Session.Run($"$ErrorActionPreference = 'Stop'; $input | Export-OciArtifact -Path '{bundle}' -PlainHttp -ThrottleLimit 4", lines.ToArray());

            Assert.Equal("OciInvalidReference,OciMirror.PowerShell.Commands.ExportOciArtifactCommand", run.TerminatingRecord.FullyQualifiedErrorId);
            Assert.Equal(lines.Take(5), run.Property("Reference"));

            // Everything before the bad line finished and is named in index.json; the bundle is whole.
            ScriptRun listed = Session.Run($"Get-OciBundle -Path '{bundle}'");
            Assert.Empty(listed.Errors);
            Assert.Subset(listed.Property("Reference").ToHashSet(), lines.Take(5).ToHashSet<string?>());
            Assert.Equal(new object[] { true }, Session.Run($"Test-OciBundle -Path '{bundle}'").Output.Select(o => o.BaseObject));
        }

        [Fact]
        public void Get_OciTag_objects_bind_to_Export_OciArtifact()
        {
            string listing = $"Get-OciTag -Repository '{_registry.Host}/fw/app' -Include '*.0' -PlainHttp";
            string[] tags = Session.Run(listing).Property("Reference").Select(r => r!).ToArray();

            ScriptRun run = Session.Run(listing + $" | Export-OciArtifact -Path '{NewPath("tags")}' -PlainHttp");

            Assert.Empty(run.Errors);
            Assert.Equal(new[] { _registry.Host + "/fw/app:1.0", _registry.Host + "/fw/app:2.0" }, tags.OrderBy(t => t, StringComparer.Ordinal));
            Assert.Equal(tags, run.Property("Reference"));
            Assert.Equal(tags.Select(t => _registry.Digests[t.Substring(t.LastIndexOf(':') + 1)]), run.Property("Digest"));
        }

        [Fact]
        public void Array_properties_have_a_joined_twin_for_Export_Csv_and_Format_Table()
        {
            string bundle = NewPath("csv");
            ScriptRun run = Session.Run(
                $"Export-OciArtifact -Reference '{_registry.Host}/fw/app:multi' -Path '{bundle}' -PlainHttp | ConvertTo-Csv -NoTypeInformation; " +
                $"Get-OciBundle -Path '{bundle}' | ConvertTo-Csv -NoTypeInformation; " +
                $"Get-ChildItem -LiteralPath '{bundle}/blobs/sha256' | Select-Object -First 1 | ForEach-Object {{ Set-Content -LiteralPath $_.FullName -Value 'damaged' }}; " +
                $"Test-OciBundle -Path '{bundle}' -Detailed | Where-Object {{ $_ -is [OciMirror.PowerShell.OciBundleCheck] }} | ConvertTo-Csv -NoTypeInformation");

            Assert.Empty(run.Errors);
            string csv = string.Join("\n", run.Output.Select(o => o.ToString()));
            Assert.Contains("\"PlatformList\"", csv, StringComparison.Ordinal);
            Assert.Contains("\"linux/amd64, linux/arm64\"", csv, StringComparison.Ordinal);
            Assert.Contains("\"BadBlobList\"", csv, StringComparison.Ordinal);
            Assert.Matches("\"sha256:[0-9a-f]{64}", csv);

            string table = string.Join("\n", Session.Run($"Get-OciBundle -Path '{bundle}' | Format-Table | Out-String -Width 300").Output.Select(o => o.ToString()));
            Assert.Contains("linux/amd64, linux/arm64", table, StringComparison.Ordinal);
        }

        private string? HeadDigest(string repository, string tag)
        {
            using var client = new HttpClient();
            var request = new HttpRequestMessage(HttpMethod.Head, $"http://{_registry.Host}/v2/{repository}/manifests/{tag}");
            request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
            request.Headers.Accept.ParseAdd("application/vnd.oci.image.index.v1+json");
            using HttpResponseMessage response = client.Send(request);
            return response.IsSuccessStatusCode ? response.Headers.GetValues("Docker-Content-Digest").Single() : null;
        }
    }
}
