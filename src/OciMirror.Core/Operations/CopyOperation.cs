using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Content;
using OciMirror.Core.Errors;
using OciMirror.Core.References;
using OciMirror.Core.Registry;

namespace OciMirror.Core.Operations
{
    /// <summary>
    /// Copies references from registries to a registry through the copy engine (DESIGN §6, §13): streamed and
    /// verified, shared blobs fetched once, cross-repository mounts in the destination, present content skipped.
    /// The source and the destination have their own access options (credentials, TLS).
    /// </summary>
    public sealed class CopyOperation
    {
        private readonly IRepositoryProvider? _source;
        private readonly IRepositoryProvider? _destination;

        public CopyOperation(CopyRequest request)
        {
            Request = request ?? throw new ArgumentNullException(nameof(request));
        }

        /// <summary>For tests and other compositions: copies from <paramref name="source"/> to <paramref name="destination"/> (neither is disposed).</summary>
        internal CopyOperation(CopyRequest request, IRepositoryProvider source, IRepositoryProvider destination)
            : this(request)
        {
            _source = source ?? throw new ArgumentNullException(nameof(source));
            _destination = destination ?? throw new ArgumentNullException(nameof(destination));
        }

        public CopyRequest Request { get; }

        /// <summary>
        /// Runs the request. Per-reference outcomes go to <paramref name="observer"/> as they finish and are also in
        /// the summary; a reference that fails (does not parse, not found, denied, corrupt) never stops the others.
        /// Throws <see cref="OciException"/> only when nothing can start: an invalid destination or destination
        /// reference (InvalidReference), both or neither of them given, or a destination reference with several
        /// sources (InvalidDestination).
        /// </summary>
        /// <exception cref="OperationCanceledException">The token was cancelled; finished references were reported.</exception>
        public async Task<OperationSummary> RunAsync(IOperationObserver observer, CancellationToken cancellationToken)
        {
            if (observer == null)
            {
                throw new ArgumentNullException(nameof(observer));
            }

            IReadOnlyList<CopyItem> items = Plan();
            string target = Request.Destination ?? Request.DestinationReference!;
            string activity = $"Copying {items.Count} artifacts to {target}";
            if (_source != null)
            {
                return new OperationSummary(await new RegistryCopier(_source, _destination!, Request.Concurrency).RunAsync(items, activity, observer, cancellationToken).ConfigureAwait(false));
            }

            using var source = new RegistryClient(Request.Source, observer);
            using var destination = new RegistryClient(Request.Target, observer);
            return new OperationSummary(await new RegistryCopier(source, destination, Request.Concurrency).RunAsync(items, activity, observer, cancellationToken).ConfigureAwait(false));
        }

        /// <summary>The references with their destinations; unparsable ones become failed items.</summary>
        /// <exception cref="OciException">See <see cref="RunAsync"/>.</exception>
        internal IReadOnlyList<CopyItem> Plan()
        {
            var inputs = ReferenceLines.Filter(Request.References).ToList();
            bool rename = !string.IsNullOrWhiteSpace(Request.DestinationReference);
            if (rename == !string.IsNullOrWhiteSpace(Request.Destination))
            {
                throw new OciException(OciErrorKind.InvalidDestination, rename
                    ? "Give either a destination registry (host[:port][/prefix]) or one destination reference, not both."
                    : "No destination was given.")
                {
                    RecommendedAction = "Copy to a registry (--to host[:port][/prefix]) or to one renamed reference (SRC DESTREF).",
                };
            }

            if (rename)
            {
                if (inputs.Count != 1)
                {
                    throw new OciException(OciErrorKind.InvalidDestination, $"A destination reference ('{Request.DestinationReference}') takes exactly one source reference; {inputs.Count} were given.")
                    {
                        Reference = Request.DestinationReference,
                        RecommendedAction = "Copy several references to a registry with --to host[:port][/prefix], or copy them one at a time.",
                    };
                }

                return new[] { Renamed(inputs[0], Request.DestinationReference!) };
            }

            RegistryDestination destination = RegistryDestination.Parse(Request.Destination!);
            return inputs.Select(input => Mapped(input, destination)).ToList();
        }

        private CopyItem Mapped(string input, RegistryDestination destination)
        {
            Reference? source = null;
            try
            {
                source = Reference.Parse(input);
                return CopyItem.Of(input, source, destination.Map(source, Request.Scoped), Request.Platforms);
            }
            catch (OciException e)
            {
                return CopyItem.Failed(input, source, e);
            }
        }

        /// <exception cref="OciException">InvalidReference: the destination reference does not parse.</exception>
        private CopyItem Renamed(string input, string destinationText)
        {
            Reference target = Reference.ParseRepository(destinationText.Trim());
            Reference source;
            try
            {
                source = Reference.Parse(input);
            }
            catch (OciException e)
            {
                return CopyItem.Failed(input, null, e);
            }

            // host/repo (no tag, no digest) keeps the source's tag, or its digest for a digest-only source.
            Reference destination = target.Tag != null || target.Digest != null ? target
                : source.Tag != null ? target.WithTag(source.Tag)
                : target.WithDigest(source.Digest!.Value);
            if (destination.Digest != null && destination.Digest != source.Digest)
            {
                // A copy keeps the digest: a destination digest can only repeat the source's.
                return CopyItem.Failed(input, source, new OciException(OciErrorKind.InvalidDestination, $"The destination '{destinationText}' names a digest that the source {source} does not pin.")
                {
                    Reference = destinationText,
                    RecommendedAction = "Leave the digest out of the destination; the copy keeps the source's digest.",
                });
            }

            return CopyItem.Of(input, source, destination, Request.Platforms);
        }
    }
}
