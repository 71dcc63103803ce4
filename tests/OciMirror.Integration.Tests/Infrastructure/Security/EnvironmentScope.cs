using System;
using System.Collections.Generic;

namespace OciMirror.Integration.Tests.Infrastructure.Security
{
    /// <summary>
    /// Sets process environment variables and restores them on dispose. Only for tests in
    /// <see cref="ProcessEnvironmentCollection"/>, which runs with nothing else in parallel.
    /// </summary>
    public sealed class EnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string?> _saved = new Dictionary<string, string?>(StringComparer.Ordinal);

        /// <summary>Sets <paramref name="name"/> (null removes it) until dispose.</summary>
        public EnvironmentScope Set(string name, string? value)
        {
            if (!_saved.ContainsKey(name))
            {
                _saved[name] = Environment.GetEnvironmentVariable(name);
            }

            Environment.SetEnvironmentVariable(name, value);
            return this;
        }

        public void Dispose()
        {
            foreach (var pair in _saved)
            {
                Environment.SetEnvironmentVariable(pair.Key, pair.Value);
            }
        }
    }
}
