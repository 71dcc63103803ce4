using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;
using OciMirror.Core.Model;
using OciMirror.Core.Tests.TestDoubles;

namespace OciMirror.Core.Tests.Bundles
{
    /// <summary>The hostile and broken archives of issue 3, each built from a good two-image bundle.</summary>
    internal static class HostileCase
    {
        public const string Absolute = "absolute path";
        public const string DotDot = "'..' segment";
        public const string Symlink = "symbolic link";
        public const string Hardlink = "hard link";
        public const string Device = "device";
        public const string Duplicate = "duplicate";

        /// <summary>Refused entries: the case, the entry to add, and what the error must name.</summary>
        public static readonly Dictionary<string, (TestBundle.Entry Entry, string Named)> Refused = new Dictionary<string, (TestBundle.Entry, string)>
        {
            [Absolute] = (new TestBundle.Entry("/etc/cron.d/evil", Encoding.ASCII.GetBytes("* * * * * root id")), "/etc/cron.d/evil"),
            [DotDot] = (new TestBundle.Entry("blobs/../../evil", Encoding.ASCII.GetBytes("x")), "blobs/../../evil"),
            [Symlink] = (new TestBundle.Entry("blobs/sha256/link", Array.Empty<byte>(), '2', "/etc/passwd"), "blobs/sha256/link"),
            [Hardlink] = (new TestBundle.Entry("blobs/sha256/hard", Array.Empty<byte>(), '1', "/etc/shadow"), "blobs/sha256/hard"),
            [Device] = (new TestBundle.Entry("blobs/sha256/dev", Array.Empty<byte>(), '3'), "blobs/sha256/dev"),
        };

        /// <summary>A bundle with two images (good first, then "victim"), returning both roots.</summary>
        public static (TestBundle Bundle, Descriptor Good, Descriptor Victim) TwoImages()
        {
            var b = new TestBundle();
            Descriptor good = b.AddImage("good", "docker.io/team/good:1", "1");
            Descriptor victim = b.AddImage("victim", "docker.io/team/victim:1", "1");
            return (b, good, victim);
        }

        /// <summary>The victim's first layer (a blob only the victim uses).</summary>
        public static Descriptor VictimLayer(TestBundle b, Descriptor victim) =>
            ManifestInfo.Parse(victim, b.Content.Bytes(victim.Digest)).Children[1];

        /// <summary>Gzip members of 64 KiB of input each, the first with its ISIZE lowered: it inflates past its declared size.</summary>
        public static byte[] GzipWithOversizedFirstMember(byte[] tar)
        {
            var output = new MemoryStream();
            for (int offset = 0, i = 0; offset < tar.Length; offset += 64 * 1024, i++)
            {
                var member = new MemoryStream();
                using (var gz = new GZipStream(member, CompressionLevel.Fastest, leaveOpen: true))
                {
                    gz.Write(tar, offset, Math.Min(64 * 1024, tar.Length - offset));
                }

                byte[] bytes = member.ToArray();
                if (i == 0)
                {
                    uint isize = BitConverter.ToUInt32(bytes, bytes.Length - 4) - 100;
                    BitConverter.GetBytes(isize).CopyTo(bytes, bytes.Length - 4);
                }

                output.Write(bytes, 0, bytes.Length);
            }

            return output.ToArray();
        }

        /// <summary>A root whose index.json entry calls a 5 MiB blob a manifest.</summary>
        public static Descriptor AddOversizedManifest(TestBundle b)
        {
            byte[] json = Encoding.ASCII.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OciManifest + "\",\"annotations\":{\"pad\":\"" + new string('a', 5 * 1024 * 1024) + "\"}}");
            Descriptor huge = Fixtures.Put(b.Content, MediaTypes.OciManifest, json);
            b.Blobs.Add(new TestBundle.Entry(TestBundle.BlobName(huge.Digest), json));
            b.AddRoot(huge, "docker.io/team/huge:1", "1");
            return huge;
        }
    }
}
