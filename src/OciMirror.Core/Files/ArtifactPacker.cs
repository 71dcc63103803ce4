using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OciMirror.Core.Errors;
using OciMirror.Core.Model;

namespace OciMirror.Core.Files
{
    /// <summary>
    /// Turns the files, directories and config of a push into descriptors served by a <see cref="FileBlobSource"/>:
    /// each file hashed in one streaming pass, each directory packed into a temporary tar.gz
    /// (<see cref="DirectoryTarball"/>). Memory stays flat whatever the sizes. Titles must be unique.
    /// </summary>
    internal static class ArtifactPacker
    {
        /// <exception cref="OciException">
        /// NotFound/IOFailed for a file; UnsafePath for a title or a link in a directory; InvalidReference for two
        /// files with one title or an annotation file section that names no file.
        /// </exception>
        public static async Task<PackedArtifact> PackAsync(
            IReadOnlyList<PushFile> files, PushFile? config, AnnotationFile? annotationFile, IReadOnlyDictionary<string, string> annotations, FileBlobSource source, CancellationToken cancellationToken)
        {
            var layers = new List<Descriptor>();
            var titles = new HashSet<string>(StringComparer.Ordinal);
            var used = new HashSet<string>(StringComparer.Ordinal) { AnnotationFile.ManifestKey, AnnotationFile.ConfigKey };
            foreach (PushFile given in files)
            {
                IReadOnlyDictionary<string, string> extra = Section(annotationFile, given, used);
                PushFile file = extra.TryGetValue(ArtifactAnnotations.Title, out string? renamed) ? given.WithTitle(renamed) : given;
                if (!titles.Add(file.Title))
                {
                    throw new OciException(OciErrorKind.InvalidReference, $"Two files would be pulled back as '{file.Title}'.")
                    {
                        Reference = file.Title,
                        RecommendedAction = "Give every file its own name, for example by pushing them from their parent directory as dir1/a.txt and dir2/a.txt.",
                    };
                }

                layers.Add(await PackOneAsync(file, extra, source, cancellationToken).ConfigureAwait(false));
            }

            string? unknown = annotationFile?.Sections.Keys.FirstOrDefault(k => !used.Contains(k));
            if (unknown != null)
            {
                throw new OciException(OciErrorKind.InvalidReference, $"The annotation file names '{unknown}', which is not one of the files pushed.")
                {
                    Reference = unknown,
                    RecommendedAction = "Use the file as given on the command line (or its title), $manifest or $config as the keys of the annotation file.",
                };
            }

            IReadOnlyDictionary<string, string> configAnnotations = annotationFile?.For(AnnotationFile.ConfigKey) ?? new Dictionary<string, string>();
            Descriptor? configDescriptor = null;
            if (config != null)
            {
                Descriptor hashed = await FileBlobs.DescribeAsync(config.Path, config.MediaType ?? ArtifactAnnotations.DefaultConfigMediaType, cancellationToken).ConfigureAwait(false);
                configDescriptor = hashed.WithAnnotations(configAnnotations.Count == 0 ? null : configAnnotations);
                source.AddFile(configDescriptor, config.Path);
            }

            var manifestAnnotations = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in (annotationFile?.For(AnnotationFile.ManifestKey) ?? new Dictionary<string, string>()).Concat(annotations))
            {
                manifestAnnotations[pair.Key] = pair.Value;
            }

            return new PackedArtifact(layers, configDescriptor, configAnnotations, manifestAnnotations);
        }

        private static IReadOnlyDictionary<string, string> Section(AnnotationFile? annotationFile, PushFile file, HashSet<string> used)
        {
            if (annotationFile == null)
            {
                return new Dictionary<string, string>();
            }

            foreach (string key in new[] { file.Path, file.Title })
            {
                if (annotationFile.Sections.TryGetValue(key, out IReadOnlyDictionary<string, string>? section))
                {
                    used.Add(key);
                    return section;
                }
            }

            return new Dictionary<string, string>();
        }

        private static async Task<Descriptor> PackOneAsync(PushFile file, IReadOnlyDictionary<string, string> extra, FileBlobSource source, CancellationToken cancellationToken)
        {
            Descriptor descriptor;
            if (Directory.Exists(file.Path))
            {
                string packed = source.NewTemporaryFile(".tar.gz");
                descriptor = await DirectoryTarball.WriteAsync(file.Path, file.Title, packed, file.MediaType ?? ArtifactAnnotations.DefaultDirectoryMediaType, cancellationToken).ConfigureAwait(false);
                source.AddFile(descriptor, packed);
            }
            else
            {
                descriptor = await FileBlobs.DescribeAsync(file.Path, file.MediaType ?? ArtifactAnnotations.DefaultFileMediaType, cancellationToken).ConfigureAwait(false);
                source.AddFile(descriptor, file.Path);
            }

            var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in descriptor.Annotations ?? new Dictionary<string, string>())
            {
                annotations[pair.Key] = pair.Value;
            }

            foreach (var pair in extra)
            {
                annotations[pair.Key] = pair.Value;
            }

            annotations[ArtifactAnnotations.Title] = file.Title;
            return descriptor.WithAnnotations(annotations);
        }
    }
}
