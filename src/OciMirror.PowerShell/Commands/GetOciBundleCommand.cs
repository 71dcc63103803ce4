using System.Collections.Generic;
using System.Management.Automation;
using OciMirror.Core.Errors;
using OciMirror.Core.Operations;
using OciMirror.PowerShell.Common;
using OciMirror.PowerShell.Errors;

namespace OciMirror.PowerShell.Commands
{
    /// <summary>
    /// <c>Get-OciBundle</c>: lists the named entries of bundles (directories, .tar, .tgz), one object per
    /// entry. The objects pipe into Import-OciArtifact (their Path and Reference properties bind), which
    /// imports the selected entries of each bundle in one run. A path that is missing or not a bundle is a
    /// non-terminating error; the next path is still listed.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "OciBundle")]
    [OutputType(typeof(OciBundleArtifactInfo))]
    public sealed class GetOciBundleCommand : OciAsyncCmdlet
    {
        /// <summary>Bundles to list. Literal (no wildcards); binds piped strings and the Path/PSPath of piped objects.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("LiteralPath", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = new string[0];

        protected override void ProcessRecord()
        {
            foreach (string path in Path)
            {
                string? bundlePath = BundlePath.Resolve(Sink, path, out OciErrorInfo? error);
                if (bundlePath == null)
                {
                    Sink.WriteError(error!);
                    continue;
                }

                var request = new BundleRequest { BundlePath = bundlePath };
                IReadOnlyList<BundleArtifactInfo> entries;
                try
                {
                    entries = RunEngine("Reading bundle " + bundlePath, (observer, token) => Engine.ListBundleAsync(request, observer, token));
                }
                catch (OciException e)
                {
                    Sink.WriteError(ErrorMapper.ForException(e, path));
                    continue;
                }

                foreach (BundleArtifactInfo entry in entries)
                {
                    Sink.WriteObject(OutputMapper.ToBundleArtifactInfo(bundlePath, entry));
                }
            }
        }
    }
}
