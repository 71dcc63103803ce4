@{
    RootModule             = 'OciMirror.PowerShell.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = 'e971627f-e064-4743-935d-d644c98b9762'
    Author                 = 'OciMirror contributors'
    CompanyName            = 'OciMirror contributors'
    Copyright              = '(c) OciMirror contributors. All rights reserved.'
    Description            = 'Mirror OCI and container registries (images, multi-arch indexes, Helm charts, signatures, any OCI artifact) into bundles on disk and back, keeping every digest identical.'
    CompatiblePSEditions   = @('Desktop', 'Core')
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('OciMirror.Format.ps1xml')
    CmdletsToExport        = @(
        'Copy-OciArtifact'
        'Export-OciArtifact'
        'Get-OciBundle'
        'Get-OciTag'
        'Import-OciArtifact'
        'New-OciIndex'
        'Publish-OciArtifact'
        'Save-OciArtifact'
        'Sync-OciRegistry'
        'Test-OciBundle'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('OCI', 'Container', 'Registry', 'Docker', 'Mirror', 'AirGap', 'Helm', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux')
            ReleaseNotes = 'First version: Export-OciArtifact and Import-OciArtifact (bundle directories, .tar, .tgz and .tar.zst files, split volumes for FAT32 media with -SplitSize, identical digests; .tar.xz/.tar.bz2, classic docker save archives and Hauler hauls read), Get-OciTag, Get-OciBundle, Test-OciBundle; docker/podman credentials, credential helpers, private CAs, certs.d and client certificates. Platform selection (-Platform os/arch[/variant][:os.version], -FilterIndex, -PreserveDigest) and -Tag on import; files as artifacts (Publish-OciArtifact refuses named pipes, devices and sockets; Save-OciArtifact keeps files with other content unless -Force) and index composition (New-OciIndex), to registries and bundles. Referrers (signatures, SBOMs, attestations, cosign .sig/.att/.sbom tags, and their own referrers) travel with their images through Export-OciArtifact, Import-OciArtifact, Copy-OciArtifact and Sync-OciRegistry (-NoReferrers, -ReferrerArtifactType, the sync-file key referrers; OciArtifactInfo.ReferrerOf), kept discoverable on registries without the referrers API; a bundle of signatures without their images verifies as valid (OciBundleCheck.Note) and imports where the images are. Mirroring: Copy-OciArtifact (registry to registry, each side its own credentials and TLS) and Sync-OciRegistry (skopeo sync YAML plus exclude, latest-N, digest tags; -WhatIf plan, keep going); Get-OciTag selects by regular expression, semantic-version range and latest-N. Results in input order; full Get-Help from en-US MAML; PlatformList/BadBlobList for Export-Csv; archive extensions that are not bundle formats (.zip) refused. Import checks the bytes of the bundle even where the registry has the content, refuses one tag for two digests, pushes manifests with their own media type, takes the one platform a Docker 25 docker save holds, and stages only archives that do not name the repository of each blob (-StagingLimit bounds the upload of blobs nothing names yet); a full disk is an error naming the path. Several exports may write one bundle at once (threads or processes, directories and archives: merged, nothing lost); a stopped export keeps what finished and reports exactly that; index.json is deterministic.'
        }
    }
}
