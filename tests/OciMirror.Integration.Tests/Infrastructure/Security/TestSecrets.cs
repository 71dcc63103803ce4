using System;
using System.Security.Cryptography;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>Random, easily searchable passwords (fresh each run, never a word that occurs in normal output).</summary>
    public static class TestSecrets
    {
        public static string NewPassword(string label) => "pw" + label + "-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(9)).ToLowerInvariant();
    }
}
