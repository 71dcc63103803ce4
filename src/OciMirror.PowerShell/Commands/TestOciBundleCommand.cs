using OciMirror.Core.Diagnostics;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.PowerShell.Common;
using OciMirror.PowerShell.Errors;

namespace OciMirror.PowerShell.Commands
{
    /// <summary>
    /// <c>Test-OciBundle</c>: verifies bundles (directories, .tar, .tgz): hashes every blob, checks that every
    /// manifest's children exist with their declared sizes and that index.json and oci-layout are valid.
    /// Writes <c>$true</c> or <c>$false</c> per bundle; with <c>-Detailed</c>, one OciBundleCheck per entry
    /// followed by one OciBundleBlobProblem per bad blob (and per layout problem, kind <c>Layout</c>).
    /// Damage is never an error; a path that is missing or cannot be read at all is a terminating error.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "OciBundle")]
    [OutputType(typeof(bool), typeof(OciBundleCheck), typeof(OciBundleBlobProblem))]
    public sealed class TestOciBundleCommand : OciAsyncCmdlet
    {
        // A bundle piped several times (Get-OciBundle output: one object per entry) is verified once.
        private readonly HashSet<string> _verified = new HashSet<string>(System.StringComparer.Ordinal);

        /// <summary>Bundles to verify. Literal (no wildcards); binds piped strings and the Path/PSPath of piped objects.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("LiteralPath", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = new string[0];

        /// <summary>Write the report objects instead of one Boolean per bundle.</summary>
        [Parameter]
        public SwitchParameter Detailed { get; set; }

        protected override void ProcessRecord() => Verify(Detailed.IsPresent);

        /// <summary>The body of ProcessRecord; separate because the test stub of SwitchParameter holds no value.</summary>
        internal void Verify(bool detailed)
        {
            foreach (string path in Path)
            {
                string? bundlePath = BundlePath.Resolve(Sink, path, out OciErrorInfo? error);
                if (bundlePath == null)
                {
                    throw Terminate(error!);
                }

                if (!_verified.Add(bundlePath))
                {
                    continue;
                }

                var request = new BundleRequest { BundlePath = bundlePath };
                BundleVerifyReport report;
                try
                {
                    report = RunEngine("Verifying bundle " + bundlePath, (observer, token) => Engine.VerifyBundleAsync(request, observer, token));
                }
                catch (OciException e)
                {
                    throw Terminate(ErrorMapper.ForException(e, e.Path ?? bundlePath));
                }

                Sink.WriteVerbose(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0}: {1} blob(s), {2} hashed; {3}.",
                    bundlePath, report.BlobsChecked, ByteSize.Format(report.BytesChecked),
                    report.IsValid ? "valid" : string.Format(CultureInfo.InvariantCulture, "damaged ({0} bad blob(s), {1} layout problem(s))", report.BadBlobs.Count, report.LayoutProblems.Count)));
                if (detailed)
                {
                    WriteReport(bundlePath, report);
                }
                else
                {
                    foreach (string problem in report.LayoutProblems)
                    {
                        Sink.WriteVerbose(problem);
                    }

                    foreach (BlobProblem problem in report.BadBlobs)
                    {
                        Sink.WriteVerbose(problem.Message);
                    }

                    foreach (BundleArtifactCheck check in report.Artifacts)
                    {
                        if (check.Note != null)
                        {
                            Sink.WriteVerbose(check.Reference + ": " + check.Note);
                        }
                    }

                    Sink.WriteObject(report.IsValid);
                }
            }
        }

        private void WriteReport(string bundlePath, BundleVerifyReport report)
        {
            foreach (BundleArtifactCheck check in report.Artifacts)
            {
                Sink.WriteObject(OutputMapper.ToBundleCheck(bundlePath, check));
            }

            foreach (BlobProblem problem in report.BadBlobs)
            {
                Sink.WriteObject(OutputMapper.ToBlobProblem(bundlePath, problem));
            }

            foreach (string problem in report.LayoutProblems)
            {
                Sink.WriteObject(OutputMapper.ToLayoutProblem(bundlePath, problem));
            }
        }
    }
}
