using System.Management.Automation;
using OciMirror.Core.Errors;
using OciMirror.Core.Platforms;
using OciMirror.PowerShell.Errors;

namespace OciMirror.PowerShell.Common
{
    /// <summary>
    /// Base of the cmdlets that copy artifacts and may take only some platforms of multi-platform images
    /// (Export-OciArtifact, Import-OciArtifact): <c>-Platform</c>, <c>-FilterIndex</c>, <c>-PreserveDigest</c>,
    /// turned into one Core <see cref="PlatformFilter"/> (DESIGN §5).
    /// </summary>
    public abstract class OciPlatformCmdlet : OciRegistryCmdlet
    {
        /// <summary>
        /// Platforms to copy, <c>os/arch[/variant][:os.version]</c> (for example <c>linux/arm64/v8:el9</c>). One platform of an
        /// index copies that child manifest (its own digest); several keep the index whole unless -FilterIndex.
        /// Default: every platform, byte-identical.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Platform { get; set; }

        /// <summary>With several -Platform values: copy a filtered index of only those platforms (a new digest, reported as a warning).</summary>
        [Parameter]
        public SwitchParameter FilterIndex { get; set; }

        /// <summary>Refuse anything that would rewrite a manifest or index (a filtered index).</summary>
        [Parameter]
        public SwitchParameter PreserveDigest { get; set; }

        /// <summary>The platform filter of the bound parameters; a malformed platform is a terminating error.</summary>
        internal PlatformFilter CreatePlatformFilter() => CreatePlatformFilter(FilterIndex.IsPresent, PreserveDigest.IsPresent);

        /// <summary>As <see cref="CreatePlatformFilter()"/>, with the switches given (the PowerShellStandard stub in unit tests cannot hold a SwitchParameter value).</summary>
        internal PlatformFilter CreatePlatformFilter(bool filterIndex, bool preserveDigest)
        {
            try
            {
                return PlatformFilter.Parse(Platform, filterIndex, preserveDigest);
            }
            catch (OciException e)
            {
                throw Terminate(ErrorMapper.ForException(e, e.Reference));
            }
        }
    }
}
