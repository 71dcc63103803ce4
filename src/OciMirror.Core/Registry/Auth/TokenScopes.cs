using System;
using System.Collections.Generic;
using System.Linq;

namespace OciMirror.Core.Registry.Auth
{
    /// <summary>
    /// Token scopes of distribution's token auth (docs/spec/auth/scope.md): <c>type:name:actions</c>,
    /// for example <c>repository:library/nginx:pull,push</c>.
    /// </summary>
    internal static class TokenScopes
    {
        /// <summary>The scope for pulling (and, with <paramref name="push"/>, pushing) <paramref name="repository"/>.</summary>
        public static string Repository(string repository, bool push) =>
            "repository:" + repository + (push ? ":pull,push" : ":pull");

        /// <summary>
        /// Merges scopes so each resource appears once with the union of its actions, sorted, so equal
        /// needs give equal token cache keys.
        /// </summary>
        public static IReadOnlyList<string> Merge(IEnumerable<string?> scopes)
        {
            var byResource = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            foreach (string scope in scopes.Where(s => !string.IsNullOrWhiteSpace(s)).SelectMany(s => s!.Split(' ')))
            {
                int last = scope.LastIndexOf(':');
                if (last <= 0 || scope.IndexOf(':') == last)
                {
                    Add(byResource, scope, null);
                    continue;
                }

                foreach (string action in scope.Substring(last + 1).Split(','))
                {
                    Add(byResource, scope.Substring(0, last), action);
                }
            }

            return byResource.Select(e => e.Value.Count == 0 ? e.Key : e.Key + ":" + string.Join(",", e.Value)).ToList();
        }

        private static void Add(SortedDictionary<string, SortedSet<string>> into, string resource, string? action)
        {
            if (!into.TryGetValue(resource, out SortedSet<string>? actions))
            {
                into[resource] = actions = new SortedSet<string>(StringComparer.Ordinal);
            }

            if (!string.IsNullOrEmpty(action))
            {
                actions.Add(action!);
            }
        }
    }
}
