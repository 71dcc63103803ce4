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
        'Export-OciArtifact'
        'Get-OciBundle'
        'Get-OciTag'
        'Import-OciArtifact'
        'New-OciIndex'
        'Publish-OciArtifact'
        'Save-OciArtifact'
        'Test-OciBundle'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('OCI', 'Container', 'Registry', 'Docker', 'Mirror', 'AirGap', 'Helm', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux')
            ReleaseNotes = 'First version: Export-OciArtifact and Import-OciArtifact (bundle directories, .tar and .tgz files, identical digests), Get-OciTag, Get-OciBundle, Test-OciBundle; docker/podman credentials, credential helpers, private CAs, certs.d and client certificates. Platform selection (-Platform os/arch[/variant][:os.version], -FilterIndex, -PreserveDigest) and -Tag on import; files as artifacts (Publish-OciArtifact, Save-OciArtifact) and index composition (New-OciIndex), to registries and bundles. Results in input order; full Get-Help from en-US MAML; PlatformList/BadBlobList for Export-Csv; archive extensions that are not bundle formats (.zip) refused. Several exports may write one bundle at once (threads or processes); a stopped export keeps what finished; index.json is deterministic.'
        }
    }
}
