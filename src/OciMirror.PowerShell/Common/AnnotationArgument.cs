using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace OciMirror.PowerShell.Common
{
    /// <summary>Turns an <c>-Annotation @{ key = 'value' }</c> hashtable into string annotations.</summary>
    internal static class AnnotationArgument
    {
        /// <summary>Keys and values as invariant strings; null values become empty strings; null gives an empty dictionary.</summary>
        public static IReadOnlyDictionary<string, string> ToDictionary(IDictionary? table)
        {
            var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
            if (table == null)
            {
                return annotations;
            }

            foreach (DictionaryEntry entry in table)
            {
                annotations[Text(entry.Key)] = Text(entry.Value);
            }

            return annotations;
        }

        private static string Text(object? value)
        {
            object? unwrapped = value is PSObject wrapped ? wrapped.BaseObject : value;
            return Convert.ToString(unwrapped, CultureInfo.InvariantCulture) ?? string.Empty;
        }
    }
}
