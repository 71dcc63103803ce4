using System.Collections.Generic;
using System.Threading.Tasks;
using OciMirror.Integration.Tests.Infrastructure;
using Xunit;

namespace OciMirror.Integration.Tests.Mirror
{
    /// <summary>
    /// Two source registries standing in for the two registries of skopeo's sync example: <see cref="Example"/>
    /// (registry.example.com) with busybox, redis, nginx, alpine and the ≥30-tag <see cref="Farm"/>, and
    /// <see cref="Quay"/> (quay.io) with coreos/etcd. Plain HTTP on 127.0.0.1; shared by the "mirror" collection.
    /// </summary>
    public sealed class MirrorFixture : IAsyncLifetime
    {
        public const string FarmRepository = "farm/app";

        public RegistryInstance Example { get; private set; } = null!;

        public RegistryInstance Quay { get; private set; } = null!;

        public TagFarm Farm { get; } = TagFarm.Build(FarmRepository);

        /// <summary>The small repositories of skopeo's example, by repository.</summary>
        public IReadOnlyDictionary<string, TagFarm> ExampleRepositories { get; } = new Dictionary<string, TagFarm>
        {
            ["busybox"] = TagFarm.Build("busybox", new[] { "1-glibc", "1-musl", "latest" }),
            ["redis"] = TagFarm.Build("redis", new[] { "1.0", "2.0", "3.0" }),
            ["nginx"] = TagFarm.Build("nginx", new[] { "1.13.1-alpine-perl", "1.13.2-alpine-perl", "1.13.3-alpine-perl", "1.13.1", "x1.13.1-alpine-perl" }),
            ["alpine"] = TagFarm.Build("alpine", new[] { "3.11.0", "3.12.0", "3.12.1", "3.13.0-rc.1", "4.0.0", "edge", "v3.14" }),
        };

        public TagFarm Etcd { get; } = TagFarm.Build("coreos/etcd", new[] { "latest", "v3.5.0" });

        public async Task InitializeAsync()
        {
            Example = await RegistryInstance.StartAsync().ConfigureAwait(false);
            Quay = await RegistryInstance.StartAsync().ConfigureAwait(false);
            await Farm.PushAsync(Example.BaseUri).ConfigureAwait(false);
            foreach (TagFarm repository in ExampleRepositories.Values)
            {
                await repository.PushAsync(Example.BaseUri).ConfigureAwait(false);
            }

            await Etcd.PushAsync(Quay.BaseUri).ConfigureAwait(false);
        }

        public async Task DisposeAsync()
        {
            if (Example != null)
            {
                await Example.DisposeAsync().ConfigureAwait(false);
            }

            if (Quay != null)
            {
                await Quay.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
