using System;
using System.Globalization;
using System.IO;

namespace OciMirror.Core.Volumes
{
    /// <summary>
    /// The names of split volumes: <c>NAME.001</c>, <c>NAME.002</c>, … (at least three digits, like
    /// 7-Zip, split -d and most archivers), so that <c>cat NAME.* &gt; NAME</c> or <c>copy /b</c> joins them.
    /// </summary>
    public static class SplitVolumeNames
    {
        /// <summary>The name of part <paramref name="number"/> (1-based) of the set <paramref name="basePath"/>.</summary>
        public static string PartPath(string basePath, int number) =>
            basePath + "." + number.ToString("D3", CultureInfo.InvariantCulture);

        /// <summary>True when <paramref name="path"/> ends in a part number (<c>.001</c>, <c>.1000</c>); gives the set's name and the number.</summary>
        public static bool TryParsePart(string path, out string basePath, out int number)
        {
            basePath = path;
            number = 0;
            int dot = path.LastIndexOf('.');
            int digits = path.Length - dot - 1;
            if (dot <= 0 || digits < 3 || digits > 9 || path[dot - 1] == Path.DirectorySeparatorChar || path[dot - 1] == Path.AltDirectorySeparatorChar)
            {
                return false;
            }

            for (int i = dot + 1; i < path.Length; i++)
            {
                if (path[i] < '0' || path[i] > '9')
                {
                    return false;
                }
            }

            number = int.Parse(path.Substring(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture);
            if (number == 0)
            {
                return false;
            }

            basePath = path.Substring(0, dot);
            return true;
        }

        /// <summary><paramref name="path"/> without a trailing part number (<c>mirror.tar.zst.001</c> → <c>mirror.tar.zst</c>).</summary>
        public static string WithoutPartNumber(string path) =>
            TryParsePart(path ?? throw new ArgumentNullException(nameof(path)), out string basePath, out _) ? basePath : path;
    }
}
