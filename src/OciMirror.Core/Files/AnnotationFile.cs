using System;
using System.Collections.Generic;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OciMirror.Core.Errors;

namespace OciMirror.Core.Files
{
    /// <summary>
    /// An oras annotation file (<c>--annotation-file</c>): a JSON object whose keys are <c>$manifest</c>,
    /// <c>$config</c> or a file as given on the command line (or its title), each mapping annotation keys to
    /// string values. Immutable once read.
    /// </summary>
    public sealed class AnnotationFile
    {
        /// <summary>The key of the manifest's annotations.</summary>
        public const string ManifestKey = "$manifest";

        /// <summary>The key of the config's annotations.</summary>
        public const string ConfigKey = "$config";

        private AnnotationFile(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> sections)
        {
            Sections = sections;
        }

        /// <summary>Annotations by section key.</summary>
        public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Sections { get; }

        /// <summary>The annotations of one section, or an empty dictionary.</summary>
        public IReadOnlyDictionary<string, string> For(string key) =>
            Sections.TryGetValue(key, out IReadOnlyDictionary<string, string>? section) ? section : new Dictionary<string, string>();

        /// <summary>Reads and validates <paramref name="path"/>.</summary>
        /// <exception cref="OciException">InvalidConfiguration naming the file and what is wrong; NotFound/IOFailed.</exception>
        public static AnnotationFile Read(string path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                throw new OciException(OciErrorKind.NotFound, $"Annotation file '{path}' does not exist.", e) { Path = path };
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new OciException(OciErrorKind.IOFailed, $"Cannot read annotation file '{path}': {e.Message}", e) { Path = path };
            }

            JObject doc;
            try
            {
                using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
                doc = JObject.Load(reader);
            }
            catch (JsonException e)
            {
                throw Invalid(path, $"it is not a JSON object ({e.Message})");
            }

            var sections = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
            foreach (JProperty section in doc.Properties())
            {
                if (!(section.Value is JObject values))
                {
                    throw Invalid(path, $"'{section.Name}' must map annotation keys to values");
                }

                var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (JProperty annotation in values.Properties())
                {
                    if (annotation.Value.Type != JTokenType.String)
                    {
                        throw Invalid(path, $"the value of '{annotation.Name}' in '{section.Name}' is not a string");
                    }

                    annotations[annotation.Name] = (string)annotation.Value!;
                }

                sections[section.Name] = annotations;
            }

            return new AnnotationFile(sections);
        }

        private static OciException Invalid(string path, string why) => new OciException(OciErrorKind.InvalidConfiguration, $"Annotation file '{path}' is not valid: {why}.")
        {
            Path = path,
            RecommendedAction = "Write it as {\"$manifest\": {\"key\": \"value\"}, \"$config\": {...}, \"FILE\": {...}} with string values.",
        };
    }
}
