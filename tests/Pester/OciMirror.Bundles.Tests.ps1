# Pester 5/6 tests of the bundle cmdlets (Get-OciBundle, Test-OciBundle, Export-OciArtifact -Format,
# Import-OciArtifact of archives and of piped Get-OciBundle objects) against the staged module.
# The 'Unit' block builds a tiny OCI layout by hand; the 'Integration' block needs docker-registry.

BeforeAll {
    Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath '../../out/OciMirror/OciMirror.psd1') -Force -ErrorAction Stop

    function Get-Sha256Hex([byte[]] $Bytes) {
        $sha = [System.Security.Cryptography.SHA256]::Create()
        try {
            -join ($sha.ComputeHash($Bytes) | ForEach-Object { $_.ToString('x2') })
        }
        finally {
            $sha.Dispose()
        }
    }

    # Writes a one-image OCI layout (config, layer, manifest, index.json naming it) and returns the
    # manifest digest and the layer's blob path.
    function New-TestLayout([string] $Path, [string] $Name, [string] $Tag) {
        $utf8 = New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false
        $blobs = Join-Path -Path $Path -ChildPath 'blobs/sha256'
        $null = New-Item -Path $blobs -ItemType Directory -Force
        $config = $utf8.GetBytes('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}')
        $layer = $utf8.GetBytes("OciMirror Pester bundle layer $Name")
        $configHex = Get-Sha256Hex -Bytes $config
        $layerHex = Get-Sha256Hex -Bytes $layer
        [System.IO.File]::WriteAllBytes((Join-Path -Path $blobs -ChildPath $configHex), $config)
        [System.IO.File]::WriteAllBytes((Join-Path -Path $blobs -ChildPath $layerHex), $layer)
        $manifest = $utf8.GetBytes('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",' +
            '"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:' + $configHex + '","size":' + $config.Length + '},' +
            '"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:' + $layerHex + '","size":' + $layer.Length + '}]}')
        $manifestHex = Get-Sha256Hex -Bytes $manifest
        [System.IO.File]::WriteAllBytes((Join-Path -Path $blobs -ChildPath $manifestHex), $manifest)
        [System.IO.File]::WriteAllText((Join-Path -Path $Path -ChildPath 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}')
        [System.IO.File]::WriteAllText((Join-Path -Path $Path -ChildPath 'index.json'),
            '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:' +
            $manifestHex + '","size":' + $manifest.Length + ',"annotations":{"io.containerd.image.name":"' + $Name + ':' + $Tag + '","org.opencontainers.image.ref.name":"' + $Tag + '"}}]}')
        [pscustomobject]@{ Digest = 'sha256:' + $manifestHex; LayerDigest = 'sha256:' + $layerHex; LayerPath = (Join-Path -Path $blobs -ChildPath $layerHex) }
    }
}

AfterAll {
    Remove-Module -Name OciMirror -ErrorAction SilentlyContinue
}

Describe 'Get-OciBundle and Test-OciBundle on a layout directory' -Tag 'Unit' {
    BeforeEach {
        $layoutPath = Join-Path -Path $TestDrive -ChildPath ('layout-' + [guid]::NewGuid().ToString('N'))
        $layout = New-TestLayout -Path $layoutPath -Name 'docker.io/library/hello' -Tag '1.0'
    }

    It 'lists one object per entry' {
        $entries = @(Get-OciBundle -Path $layoutPath)

        $entries.Count | Should -Be 1
        $entries[0] | Should -BeOfType 'OciMirror.PowerShell.OciBundleArtifactInfo'
        $entries[0].Reference | Should -Be 'docker.io/library/hello:1.0'
        $entries[0].Tag | Should -Be '1.0'
        $entries[0].Digest | Should -Be $layout.Digest
        $entries[0].Path | Should -Be (Resolve-Path -LiteralPath $layoutPath).ProviderPath
    }

    It 'binds the PSPath of piped items' {
        $entries = @(Get-Item -LiteralPath $layoutPath | Get-OciBundle)
        $entries.Count | Should -Be 1
    }

    It 'returns $true for an intact bundle' {
        Test-OciBundle -Path $layoutPath | Should -BeTrue
    }

    It 'returns $false for a damaged bundle and names the bad blob with -Detailed' {
        [System.IO.File]::WriteAllText($layout.LayerPath, 'tampered')

        Test-OciBundle -Path $layoutPath | Should -BeFalse
        $report = @(Test-OciBundle -Path $layoutPath -Detailed)
        $checks = @($report | Where-Object { $_ -is [OciMirror.PowerShell.OciBundleCheck] })
        $problems = @($report | Where-Object { $_ -is [OciMirror.PowerShell.OciBundleBlobProblem] })
        $checks.Count | Should -Be 1
        $checks[0].IsValid | Should -BeFalse
        $checks[0].BadBlob | Should -Be @($layout.LayerDigest)
        $problems.Count | Should -Be 1
        $problems[0].Digest | Should -Be $layout.LayerDigest
        $problems[0].Kind | Should -BeIn @('DigestMismatch', 'SizeMismatch')
    }

    It 'reports a missing blob' {
        Remove-Item -LiteralPath $layout.LayerPath
        $problem = Test-OciBundle -Path $layoutPath -Detailed | Where-Object { $_ -is [OciMirror.PowerShell.OciBundleBlobProblem] }
        $problem.Kind | Should -Be 'Missing'
        $problem.Digest | Should -Be $layout.LayerDigest
    }

    It 'stops with OciPathNotFound for a path that does not exist' {
        { Test-OciBundle -Path (Join-Path -Path $TestDrive -ChildPath 'nowhere.tar') } |
            Should -Throw -ErrorId 'OciPathNotFound,OciMirror.PowerShell.Commands.TestOciBundleCommand'
    }

    It 'reports a missing path as a non-terminating error in Get-OciBundle' {
        Get-OciBundle -Path (Join-Path -Path $TestDrive -ChildPath 'nowhere.tgz') -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'OciPathNotFound,OciMirror.PowerShell.Commands.GetOciBundleCommand'
    }
}

Describe 'Names read from a bundle reach the console escaped' -Tag 'Unit' {
    It 'shows control characters of an index.json name as \uXXXX in the error message; the exception keeps the raw text' {
        # Issue 7 item 16: a tag holding ESC [2J (clear screen), written JSON-escaped in index.json.
        $layoutPath = Join-Path -Path $TestDrive -ChildPath 'evil'
        $null = New-TestLayout -Path $layoutPath -Name 'docker.io/library/evil' -Tag 'v1\u001b[2J'

        $null = Import-OciArtifact -Path $layoutPath -Destination '127.0.0.1:1' -PlainHttp -Reference 'nothing-like-it' -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.Count | Should -Be 1
        $shown = $failures[0].ToString()
        $shown | Should -Not -Match ([regex]::Escape([string][char]27))
        $shown | Should -BeLike '*\u001b`[2J*'
        $failures[0].Exception.Message | Should -Match ([regex]::Escape([string][char]27))
    }
}

Describe 'Export-OciArtifact -Format binding' -Tag 'Unit' {
    It 'accepts Directory, Tar, TarGzip and TarZstd only' {
        $format = (Get-Command -Name Export-OciArtifact).Parameters['Format']
        $set = $format.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }
        $set.ValidValues | Should -Be @('Directory', 'Tar', 'TarGzip', 'TarZstd')
        { Export-OciArtifact -Reference 'localhost:1/a:b' -Path (Join-Path -Path $TestDrive -ChildPath 'x') -Format Zip } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,OciMirror.PowerShell.Commands.ExportOciArtifactCommand'
    }

    It 'binds Path and Reference of piped objects into Import-OciArtifact' {
        $import = (Get-Command -Name Import-OciArtifact).Parameters
        $import['Path'].Attributes.ValueFromPipelineByPropertyName | Should -Contain $true
        $import['Reference'].Attributes.ValueFromPipelineByPropertyName | Should -Contain $true
    }
}

Describe 'Bundles as .tar and .tgz through docker-registry' -Tag 'Integration' {
    BeforeAll {
        . (Join-Path -Path $PSScriptRoot -ChildPath 'TestRegistry.ps1')
        $testRegistry = Start-TestRegistry -Directory $TestDrive
        $registry = $testRegistry.Registry
        $baseUri = $testRegistry.BaseUri
        $one = Publish-TestImage -BaseUri $baseUri -Repository 'bundles/one' -Tag '1.0'
        $two = Publish-TestImage -BaseUri $baseUri -Repository 'bundles/two' -Tag '2.0'
    }

    AfterAll {
        Stop-TestRegistry -Instance $testRegistry
    }

    It 'exports to <Name> in the <Format> format, lists, verifies and imports it' -ForEach @(
        @{ Name = 'bundle.tar'; Format = $null; Gzip = $false }
        @{ Name = 'bundle.tgz'; Format = $null; Gzip = $true }
        @{ Name = 'bundle.bin'; Format = 'TarGzip'; Gzip = $true }
    ) {
        $archive = Join-Path -Path $TestDrive -ChildPath $Name
        $exportParameters = @{ Reference = "$registry/bundles/one:1.0", "$registry/bundles/two:2.0"; Path = $archive; PlainHttp = $true }
        if ($Format) { $exportParameters['Format'] = $Format }

        $exported = @(Export-OciArtifact @exportParameters)

        $exported.Count | Should -Be 2
        # Results come in input order, whichever export finishes first.
        $exported.Reference | Should -Be @("$registry/bundles/one:1.0", "$registry/bundles/two:2.0")
        Test-Path -LiteralPath $archive -PathType Leaf | Should -BeTrue
        $bytes = [System.IO.File]::ReadAllBytes($archive)
        ($bytes[0] -eq 0x1f -and $bytes[1] -eq 0x8b) | Should -Be $Gzip

        $entries = @(Get-OciBundle -Path $archive)
        $entries.Reference | Sort-Object | Should -Be @("$registry/bundles/one:1.0", "$registry/bundles/two:2.0")
        ($entries | Where-Object Tag -eq '1.0').Digest | Should -Be $one
        Test-OciBundle -Path $archive | Should -BeTrue

        # Only the selected entry: Path and Reference bind from the Get-OciBundle object.
        $prefix = 'mirror' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $imported = @(Get-OciBundle -Path $archive | Where-Object Tag -eq '2.0' | Import-OciArtifact -Destination "$registry/$prefix" -PlainHttp)
        $imported.Count | Should -Be 1
        $imported[0].Destination | Should -Be "$registry/$prefix/bundles/two:2.0"
        Get-ManifestDigest -BaseUri $baseUri -Repository "$prefix/bundles/two" -Tag '2.0' | Should -Be $two
        Get-ManifestDigest -BaseUri $baseUri -Repository "$prefix/bundles/one" -Tag '1.0' | Should -BeNullOrEmpty
    }

    It 'exports to <Name> (split: <SplitSize>), lists, verifies and imports it from its first part' -ForEach @(
        @{ Name = 'bundle.tar.zst'; SplitSize = $null; Read = 'bundle.tar.zst' }
        @{ Name = 'split.tar.zst'; SplitSize = '1K'; Read = 'split.tar.zst.001' }
    ) {
        $archive = Join-Path -Path $TestDrive -ChildPath $Name
        $exportParameters = @{ Reference = "$registry/bundles/one:1.0", "$registry/bundles/two:2.0"; Path = $archive; PlainHttp = $true }
        if ($SplitSize) { $exportParameters['SplitSize'] = $SplitSize }

        $exported = @(Export-OciArtifact @exportParameters)

        $exported.Count | Should -Be 2
        $first = Join-Path -Path $TestDrive -ChildPath $Read
        $bytes = [System.IO.File]::ReadAllBytes($first)
        ($bytes[0] -eq 0x28 -and $bytes[1] -eq 0xb5 -and $bytes[2] -eq 0x2f -and $bytes[3] -eq 0xfd) | Should -BeTrue -Because 'a .tar.zst starts with the zstd magic'
        if ($SplitSize) {
            $parts = @(Get-ChildItem -LiteralPath $TestDrive -Filter "$Name.*")
            $parts.Count | Should -BeGreaterThan 1
            $parts | ForEach-Object { $_.Length | Should -BeLessOrEqual 1024 }
        }

        $entries = @(Get-OciBundle -Path $first)
        @($entries.Reference | Sort-Object) | Should -Be @("$registry/bundles/one:1.0", "$registry/bundles/two:2.0")
        Test-OciBundle -Path $first | Should -BeTrue
        $prefix = 'zst' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $imported = @(Import-OciArtifact -Path $first -Destination "$registry/$prefix" -PlainHttp)
        $imported.Count | Should -Be 2
        Get-ManifestDigest -BaseUri $baseUri -Repository "$prefix/bundles/one" -Tag '1.0' | Should -Be $one
    }

    It 'imports every piped entry of one archive in one run' {
        $archive = Join-Path -Path $TestDrive -ChildPath 'both.tgz'
        $null = Export-OciArtifact -Reference "$registry/bundles/one:1.0", "$registry/bundles/two:2.0" -Path $archive -PlainHttp

        $imported = @(Get-OciBundle -Path $archive | Import-OciArtifact -Destination "$registry/all" -PlainHttp -Verbose 4>&1)

        $results = @($imported | Where-Object { $_ -is [OciMirror.PowerShell.OciArtifactInfo] })
        $verbose = @($imported | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'Import of *' })
        $results.Count | Should -Be 2
        $verbose.Count | Should -Be 1
        Get-ManifestDigest -BaseUri $baseUri -Repository 'all/bundles/one' -Tag '1.0' | Should -Be $one
        Get-ManifestDigest -BaseUri $baseUri -Repository 'all/bundles/two' -Tag '2.0' | Should -Be $two
    }
}
