using System.Collections.Generic;

namespace OciMirror.Core.Registry.Config
{
    /// <summary>One host of a registry config file as read, before validation.</summary>
    internal sealed class RawHostEntry
    {
        public RawHostEntry(string host, int line)
        {
            Host = host;
            Line = line;
        }

        /// <summary>The key as written in the file.</summary>
        public string Host { get; }

        /// <summary>1-based line of the key (0 when unknown).</summary>
        public int Line { get; }

        public List<RawField> Fields { get; } = new List<RawField>();
    }

    /// <summary>One field of a host entry: its scalar text (null for a null value), or not a scalar at all.</summary>
    internal sealed class RawField
    {
        public RawField(string name, string? value, bool isScalar, int line)
        {
            Name = name;
            Value = value;
            IsScalar = isScalar;
            Line = line;
        }

        public string Name { get; }

        public string? Value { get; }

        /// <summary>False for a map or list where a single value belongs.</summary>
        public bool IsScalar { get; }

        public int Line { get; }
    }
}
