using System.CommandLine;
using OciMirror.Core.Errors;
using OciMirror.Core.Platforms;

namespace OciMirror.Cli
{
    /// <summary>
    /// <c>--platform</c> (repeatable), <c>--filter-index</c> and <c>--preserve-digests</c>: the platform selection of
    /// export and import (DESIGN §5), turned into one Core <see cref="PlatformFilter"/>.
    /// One instance per command (System.CommandLine symbols belong to one parent).
    /// </summary>
    internal sealed class PlatformOptions
    {
        public Option<string[]> Platform { get; } = new Option<string[]>("--platform")
        {
            Description = "Copy only this platform of multi-platform images: os/arch[/variant][:os.version], for example linux/arm64/v8:el9; repeatable. "
                + "One platform of an index copies that child manifest (its own digest); several keep the index whole unless --filter-index. Default: every platform, byte-identical.",
            AllowMultipleArgumentsPerToken = false,
        };

        public Option<bool> FilterIndex { get; } = new Option<bool>("--filter-index")
        {
            Description = "With several --platform: copy a filtered index holding only those platforms. It is a new digest (said in the output).",
        };

        public Option<bool> PreserveDigests { get; } = new Option<bool>("--preserve-digests")
        {
            Description = "Refuse anything that would rewrite a manifest or index (a filtered index), like skopeo --preserve-digests.",
        };

        public void AddTo(Command command)
        {
            command.Options.Add(Platform);
            command.Options.Add(FilterIndex);
            command.Options.Add(PreserveDigests);
        }

        /// <summary>The filter the options describe.</summary>
        /// <exception cref="UsageException">A malformed platform, or --filter-index without any --platform.</exception>
        public PlatformFilter FilterOf(ParseResult parse)
        {
            PlatformFilter filter = PlatformArgument.Parse(parse.GetValue(Platform), parse.GetValue(FilterIndex), parse.GetValue(PreserveDigests));
            if (filter.IsEmpty && filter.FilterIndex)
            {
                throw new UsageException("--filter-index needs --platform: it keeps only the platforms asked for.");
            }

            return filter;
        }
    }
}
