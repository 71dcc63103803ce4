# Round trip against a real CNCF distribution registry (Debian package docker-registry) on 127.0.0.1.
# Skipped where the docker-registry binary is not installed.

BeforeAll {
    Import-Module -Name (Join-Path -Path $PSScriptRoot -ChildPath '../../out/OciMirror/OciMirror.psd1') -Force -ErrorAction Stop
}

AfterAll {
    Remove-Module -Name OciMirror -ErrorAction SilentlyContinue
}

Describe 'Export and import round trip through docker-registry' -Tag 'Integration' {
    BeforeAll {
        . (Join-Path -Path $PSScriptRoot -ChildPath 'TestRegistry.ps1')
        $testRegistry = Start-TestRegistry -Directory $TestDrive
        $registryBinary = [bool]$testRegistry
        if ($testRegistry) {
            $registry = $testRegistry.Registry
            $baseUri = $testRegistry.BaseUri
            $digest = Publish-TestImage -BaseUri $baseUri -Repository 'test/hello' -Tag '1.0'
            $bundle = Join-Path -Path $TestDrive -ChildPath 'bundle'
        }
    }

    AfterAll {
        Stop-TestRegistry -Instance $testRegistry
    }

    It 'writes nothing with -WhatIf' {
        if (-not $registryBinary) { Set-ItResult -Skipped -Because 'the docker-registry binary is not installed'; return }
        $whatIfBundle = Join-Path -Path $TestDrive -ChildPath 'whatif-bundle'
        $null = Export-OciArtifact -Reference "$registry/test/hello:1.0" -Path $whatIfBundle -PlainHttp -WhatIf
        Test-Path -LiteralPath $whatIfBundle | Should -BeFalse
    }

    It 'exports an image with its digest unchanged and reports a bad reference without stopping' {
        if (-not $registryBinary) { Set-ItResult -Skipped -Because 'the docker-registry binary is not installed'; return }
        $result = @(Export-OciArtifact -Reference 'Not A Ref!', "$registry/test/hello:1.0" -Path $bundle -PlainHttp -ErrorAction SilentlyContinue -ErrorVariable err)

        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'OciInvalidReference,OciMirror.PowerShell.Commands.ExportOciArtifactCommand'
        $result.Count | Should -Be 1
        $result[0] | Should -BeOfType 'OciMirror.PowerShell.OciArtifactInfo'
        $result[0].Status | Should -Be 'Copied'
        $result[0].Digest | Should -Be $digest
        Test-Path -LiteralPath (Join-Path -Path $bundle -ChildPath 'index.json') | Should -BeTrue
        Test-Path -LiteralPath (Join-Path -Path $bundle -ChildPath ('blobs/sha256/' + $digest.Substring(7))) | Should -BeTrue
    }

    It 'skips an artifact that is already in the bundle' {
        if (-not $registryBinary) { Set-ItResult -Skipped -Because 'the docker-registry binary is not installed'; return }
        $again = Export-OciArtifact -Reference "$registry/test/hello:1.0" -Path $bundle -PlainHttp
        $again.Status | Should -Be 'Skipped'
        $again.BytesCopied | Should -Be 0
    }

    It 'imports the bundle under a prefix with the same digest' {
        if (-not $registryBinary) { Set-ItResult -Skipped -Because 'the docker-registry binary is not installed'; return }
        $imported = Import-OciArtifact -Path $bundle -Destination "$registry/mirror" -PlainHttp

        $imported.Status | Should -Be 'Copied'
        $imported.Destination | Should -Be "$registry/mirror/test/hello:1.0"
        Get-ManifestDigest -BaseUri $baseUri -Repository 'mirror/test/hello' -Tag '1.0' | Should -Be $digest
    }

    It 'lists tags and pipes them into Export-OciArtifact' {
        if (-not $registryBinary) { Set-ItResult -Skipped -Because 'the docker-registry binary is not installed'; return }
        $tags = @(Get-OciTag -Repository "$registry/test/hello" -Include '1.*' -ResolveDigest -PlainHttp)
        $tags.Count | Should -Be 1
        $tags[0].Reference | Should -Be "$registry/test/hello:1.0"
        $tags[0].Digest | Should -Be $digest

        $piped = $tags | Export-OciArtifact -Path (Join-Path -Path $TestDrive -ChildPath 'from-tags') -PlainHttp
        $piped.Digest | Should -Be $digest
    }

    It 'copies tags piped from Get-OciTag to another registry path with the same digest' {
        if (-not $registryBinary) { Set-ItResult -Skipped -Because 'the docker-registry binary is not installed'; return }
        $copied = @(Get-OciTag -Repository "$registry/test/hello" -PlainHttp | Copy-OciArtifact -Destination "$registry/copied" -PlainHttp)

        $copied.Count | Should -Be 1
        $copied[0] | Should -BeOfType 'OciMirror.PowerShell.OciArtifactInfo'
        $copied[0].Status | Should -Be 'Copied'
        $copied[0].Destination | Should -Be "$registry/copied/test/hello:1.0"
        Get-ManifestDigest -BaseUri $baseUri -Repository 'copied/test/hello' -Tag '1.0' | Should -Be $digest
    }

    It 'syncs from a sync file; -WhatIf writes nothing and a bad key is a terminating error' {
        if (-not $registryBinary) { Set-ItResult -Skipped -Because 'the docker-registry binary is not installed'; return }
        $yaml = Join-Path -Path $TestDrive -ChildPath 'sync.yaml'
        Set-Content -LiteralPath $yaml -Value "${registry}:`n  images:`n    test/hello: []`n"
        $badYaml = Join-Path -Path $TestDrive -ChildPath 'bad.yaml'
        Set-Content -LiteralPath $badYaml -Value "${registry}:`n  imagez:`n    test/hello: []`n"

        $null = Sync-OciRegistry -Source $yaml -Destination "$registry/whatif" -PlainHttp -WhatIf
        Get-ManifestDigest -BaseUri $baseUri -Repository 'whatif/test/hello' -Tag '1.0' | Should -BeNullOrEmpty
        { Sync-OciRegistry -Source $badYaml -Destination "$registry/bad" -PlainHttp -ErrorAction Stop } | Should -Throw -ErrorId 'OciInvalidConfiguration,OciMirror.PowerShell.Commands.SyncOciRegistryCommand'

        $synced = @(Sync-OciRegistry -Source $yaml -Destination "$registry/synced" -PlainHttp)
        $synced.Count | Should -Be 1
        $synced[0].Status | Should -Be 'Copied'
        Get-ManifestDigest -BaseUri $baseUri -Repository 'synced/test/hello' -Tag '1.0' | Should -Be $digest
    }
}
