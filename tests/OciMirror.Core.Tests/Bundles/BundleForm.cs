using System;
using System.IO;
using OciMirror.Core.Tests.Archive;

namespace OciMirror.Core.Tests.Bundles
{
    /// <summary>How a test bundle is handed to an operation.</summary>
    public enum BundleForm
    {
        Directory,
        TarFile,
        TgzFile,
        TarStream,
        TgzStream,
        ZstFile,
        ZstStream,
    }

    /// <summary>A test bundle written in one form inside its own temporary directory.</summary>
    internal sealed class MaterializedBundle : IDisposable
    {
        private MaterializedBundle(string directory, string path, Stream? stream)
        {
            Directory = directory;
            Path = path;
            Stream = stream;
        }

        /// <summary>The test's own directory (holds only the bundle).</summary>
        public string Directory { get; }

        /// <summary>The bundle path, or a display name for a stream.</summary>
        public string Path { get; }

        /// <summary>A non-seekable stream (like stdin) for the stream forms, else null.</summary>
        public Stream? Stream { get; }

        public static MaterializedBundle Create(TestBundle bundle, BundleForm form)
        {
            string dir = ArchiveTestUtil.TempDir();
            switch (form)
            {
                case BundleForm.Directory:
                    return new MaterializedBundle(dir, bundle.ToDirectory(System.IO.Path.Combine(dir, "bundle")), null);
                case BundleForm.TarFile:
                    return new MaterializedBundle(dir, bundle.WriteFile(dir, "bundle.tar", bundle.ToTar()), null);
                case BundleForm.TgzFile:
                    return new MaterializedBundle(dir, bundle.WriteFile(dir, "bundle.tgz", bundle.ToTgz()), null);
                case BundleForm.TarStream:
                    return new MaterializedBundle(dir, "-", new TrickleStream(bundle.ToTar(), 7000));
                case BundleForm.ZstFile:
                    return new MaterializedBundle(dir, bundle.WriteFile(dir, "bundle.tar.zst", bundle.ToZst()), null);
                case BundleForm.ZstStream:
                    return new MaterializedBundle(dir, "-", new TrickleStream(bundle.ToZst(), 7000));
                default:
                    return new MaterializedBundle(dir, "-", new TrickleStream(bundle.ToTgz(), 7000));
            }
        }

        public static MaterializedBundle FromBytes(byte[] archive, BundleForm form, string name = "bundle.tar")
        {
            string dir = ArchiveTestUtil.TempDir();
            bool stream = form == BundleForm.TarStream || form == BundleForm.TgzStream || form == BundleForm.ZstStream;
            if (stream)
            {
                return new MaterializedBundle(dir, "-", new TrickleStream(archive, 7000));
            }

            string path = System.IO.Path.Combine(dir, name);
            File.WriteAllBytes(path, archive);
            return new MaterializedBundle(dir, path, null);
        }

        /// <summary>Every file under the test directory (relative), to prove nothing was extracted.</summary>
        public string[] Files() => Layout.LayoutFixture.Files(Directory);

        public void Dispose()
        {
            Stream?.Dispose();
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
