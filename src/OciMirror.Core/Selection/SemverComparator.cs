namespace OciMirror.Core.Selection
{
    /// <summary>
    /// One comparison of a semantic-version range (<c>&gt;=1.4</c>, <c>~1.2</c>, <c>^3</c>, <c>1.2.x</c>) with
    /// Masterminds/semver v3's meaning of each operator. A part written as <c>x</c>/<c>*</c> or left out makes
    /// the bound "open" from that part on (<c>1.2</c> and <c>1.2.x</c> both mean the 1.2 line). Immutable.
    /// </summary>
    internal sealed class SemverComparator
    {
        public SemverComparator(string op, SemanticVersion bound, int firstOpen)
        {
            Operator = op;
            Bound = bound;

            // firstOpen: 0 = the major is open (*), 1 = the minor is (1, 1.x), 2 = the patch is (1.2, 1.2.x), 3 = none.
            AnyOpen = firstOpen < 3;
            MinorOpen = firstOpen == 1;
            PatchOpen = firstOpen == 2;
        }

        /// <summary>The operator as written: "", =, !=, &gt;, &lt;, &gt;=, =&gt;, &lt;=, =&lt;, ~, ~&gt;, ^.</summary>
        public string Operator { get; }

        /// <summary>The bound with open parts as 0.</summary>
        public SemanticVersion Bound { get; }

        private bool AnyOpen { get; }

        private bool MinorOpen { get; }

        private bool PatchOpen { get; }

        /// <summary>
        /// Whether <paramref name="v"/> satisfies this comparison. A pre-release version never does unless
        /// <paramref name="includePrerelease"/> (set when the range names a pre-release in the same AND group,
        /// or the caller asks for pre-releases).
        /// </summary>
        public bool IsSatisfiedBy(SemanticVersion v, bool includePrerelease)
        {
            if (v.IsPrerelease && !includePrerelease)
            {
                return false;
            }

            switch (Operator)
            {
                case "!=": return NotEqual(v);
                case ">": return GreaterThan(v);
                case "<": return v.CompareTo(Bound) < 0;
                case ">=":
                case "=>": return v.CompareTo(Bound) >= 0;
                case "<=":
                case "=<": return LessOrEqual(v);
                case "~":
                case "~>": return Tilde(v);
                case "^": return Caret(v);
                default: return AnyOpen ? Tilde(v) : v.CompareTo(Bound) == 0;
            }
        }

        private bool NotEqual(SemanticVersion v)
        {
            if (AnyOpen)
            {
                if (v.Major != Bound.Major)
                {
                    return true;
                }

                if (MinorOpen)
                {
                    return false;
                }

                if (v.Minor != Bound.Minor)
                {
                    return true;
                }

                if (PatchOpen)
                {
                    // Same line: different only when the pre-releases differ.
                    return (v.IsPrerelease || Bound.IsPrerelease) && SemanticVersion.ComparePrerelease(v.Prerelease, Bound.Prerelease) != 0;
                }

                if (v.Patch != Bound.Patch)
                {
                    return true;
                }
            }

            return v.CompareTo(Bound) != 0;
        }

        private bool GreaterThan(SemanticVersion v)
        {
            if (!AnyOpen || (!MinorOpen && !PatchOpen))
            {
                return v.CompareTo(Bound) > 0;
            }

            if (v.Major != Bound.Major)
            {
                return v.Major > Bound.Major;
            }

            // >11 needs 12 or higher; >11.1 needs 11.2 or higher.
            return PatchOpen && v.Minor > Bound.Minor;
        }

        private bool LessOrEqual(SemanticVersion v)
        {
            if (!AnyOpen)
            {
                return v.CompareTo(Bound) <= 0;
            }

            // <=1.1 admits all of 1.1.x; <=1 all of 1.x.
            return v.Major < Bound.Major || (v.Major == Bound.Major && (MinorOpen || v.Minor <= Bound.Minor));
        }

        private bool Tilde(SemanticVersion v)
        {
            if (v.CompareTo(Bound) < 0)
            {
                return false;
            }

            // ~0.0.0 (and ~*) admit everything at or above the bound.
            if (Bound.Major == 0 && Bound.Minor == 0 && Bound.Patch == 0 && !MinorOpen && !PatchOpen)
            {
                return true;
            }

            return v.Major == Bound.Major && (MinorOpen || v.Minor == Bound.Minor);
        }

        private bool Caret(SemanticVersion v)
        {
            if (v.CompareTo(Bound) < 0)
            {
                return false;
            }

            if (Bound.Major > 0 || MinorOpen)
            {
                return v.Major == Bound.Major;
            }

            if (v.Major > 0)
            {
                return false;
            }

            if (Bound.Minor > 0 || PatchOpen)
            {
                return v.Minor == Bound.Minor;
            }

            return v.Minor == 0 && v.Patch == Bound.Patch;
        }
    }
}
