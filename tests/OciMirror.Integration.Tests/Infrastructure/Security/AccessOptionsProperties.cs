using System.Reflection;
using OciMirror.Core.Registry;
using Xunit.Sdk;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>
    /// Sets the TLS properties of <see cref="RegistryAccessOptions"/> agreed for issue 4
    /// (<c>CertificateAuthorityFile</c>, <c>CertificateDirectories</c>, <c>ClientCertificateFile</c>,
    /// <c>ClientKeyFile</c>) by name, so this project keeps compiling on a main that does not have them
    /// yet: a missing property fails the test with a message saying so instead of breaking the build.
    /// </summary>
    public static class AccessOptionsProperties
    {
        public static RegistryAccessOptions With(this RegistryAccessOptions options, string property, object? value)
        {
            PropertyInfo? info = typeof(RegistryAccessOptions).GetProperty(property, BindingFlags.Public | BindingFlags.Instance);
            if (info == null || !info.CanWrite)
            {
                throw new XunitException($"RegistryAccessOptions.{property} does not exist yet (the TLS/per-registry settings of issue 4 are not on this branch).");
            }

            info.SetValue(options, value);
            return options;
        }
    }
}
