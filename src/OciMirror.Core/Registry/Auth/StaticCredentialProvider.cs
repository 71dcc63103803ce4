using System.Threading;
using System.Threading.Tasks;

namespace OciMirror.Core.Registry.Auth
{
    /// <summary>One explicit credential (PSCredential, <c>-u/-p</c>) used for every registry of one side of an operation.</summary>
    public sealed class StaticCredentialProvider : ICredentialProvider
    {
        private readonly RegistryCredential _credential;

        public StaticCredentialProvider(RegistryCredential credential)
        {
            _credential = credential;
        }

        public Task<RegistryCredential?> GetCredentialAsync(string registry, CancellationToken cancellationToken) =>
            Task.FromResult<RegistryCredential?>(_credential);
    }
}
