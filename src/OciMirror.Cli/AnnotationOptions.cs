using System;
using System.Collections.Generic;
using System.CommandLine;

namespace OciMirror.Cli
{
    /// <summary><c>--annotation KEY=VALUE</c> (repeatable), as oras writes it.</summary>
    internal sealed class AnnotationOptions
    {
        public AnnotationOptions(string description)
        {
            Annotation = new Option<string[]>("--annotation", "-a") { Description = description };
        }

        public Option<string[]> Annotation { get; }

        /// <summary>The annotations in order; a later key replaces an earlier one.</summary>
        /// <exception cref="UsageException">An entry without '=' or with an empty key.</exception>
        public IReadOnlyDictionary<string, string> ValuesOf(ParseResult parse)
        {
            var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string text in parse.GetValue(Annotation) ?? Array.Empty<string>())
            {
                int equals = text.IndexOf('=');
                if (equals <= 0)
                {
                    throw new UsageException($"--annotation '{text}' is not KEY=VALUE.");
                }

                annotations[text.Substring(0, equals)] = text.Substring(equals + 1);
            }

            return annotations;
        }
    }
}
