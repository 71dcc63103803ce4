# Round trip against a real CNCF distribution registry (Debian package docker-registry) on 127.0.0.1.
# Fails with an install hint where the docker-registry binary is not installed.

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
        $registry = $testRegistry.Registry
        $baseUri = $testRegistry.BaseUri
        $digest = Publish-TestImage -BaseUri $baseUri -Repository 'test/hello' -Tag '1.0'
        $bundle = Join-Path -Path $TestDrive -ChildPath 'bundle'
    }

    AfterAll {
        Stop-TestRegistry -Instance $testRegistry
    }

    It 'reaches ShouldProcess with -WhatIf, declines every artifact and writes nothing' {
        # The registry answers, so the plan is made and ShouldProcess is asked; -WhatIf answers no.
        $whatIfBundle = Join-Path -Path $TestDrive -ChildPath 'whatif-bundle'
        $declined = @(Export-OciArtifact -Reference "$registry/test/hello:1.0" -Path $whatIfBundle -PlainHttp -WhatIf)
        $declined.Count | Should -Be 1
        $declined[0].Status | Should -Be 'Declined'
        $declined[0].Digest | Should -Be $digest
        Test-Path -LiteralPath $whatIfBundle | Should -BeFalse
    }

    It 'shows the ShouldProcess action with -Verbose' {
        $records = Export-OciArtifact -Reference "$registry/test/hello:1.0" -Path (Join-Path -Path $TestDrive -ChildPath 'verbose-bundle') -PlainHttp -Verbose 4>&1
        $messages = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message })
        $messages | Where-Object { $_ -like 'Performing the operation "Export *' } | Should -Not -BeNullOrEmpty
    }

    It 'exports an image with its digest unchanged and reports a bad reference without stopping' {
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
        $again = Export-OciArtifact -Reference "$registry/test/hello:1.0" -Path $bundle -PlainHttp
        $again.Status | Should -Be 'Skipped'
        $again.BytesCopied | Should -Be 0
    }

    It 'pushes nothing with Import-OciArtifact -WhatIf' {
        $declined = @(Import-OciArtifact -Path $bundle -Destination "$registry/whatif" -PlainHttp -WhatIf)
        $declined.Status | Should -Be 'Declined'
        Get-ManifestDigest -BaseUri $baseUri -Repository 'whatif/test/hello' -Tag '1.0' | Should -BeNullOrEmpty
    }

    It 'imports the bundle under a prefix with the same digest' {
        $imported = Import-OciArtifact -Path $bundle -Destination "$registry/mirror" -PlainHttp

        $imported.Status | Should -Be 'Copied'
        $imported.Destination | Should -Be "$registry/mirror/test/hello:1.0"
        Get-ManifestDigest -BaseUri $baseUri -Repository 'mirror/test/hello' -Tag '1.0' | Should -Be $digest
    }

    It 'keeps what finished before a bad line of a 50-line refs.txt under $ErrorActionPreference = Stop' {
        $lines = foreach ($i in 1..50) {
            if ($i -eq 20) { 'Not A Ref!' }
            else { $null = Publish-TestImage -BaseUri $baseUri -Repository "batch/img$i" -Tag '1.0'; "$registry/batch/img${i}:1.0" }
        }
        $refs = Join-Path -Path $TestDrive -ChildPath 'refs.txt'
        Set-Content -LiteralPath $refs -Value $lines
        $stopBundle = Join-Path -Path $TestDrive -ChildPath 'stop-bundle'

        $ErrorActionPreference = 'Stop'
        try {
            $null = Get-Content -LiteralPath $refs | Export-OciArtifact -Path $stopBundle -PlainHttp
            $stopped = $null
        }
        catch {
            $stopped = $_
        }
        finally {
            $ErrorActionPreference = 'Continue'
        }

        $stopped.FullyQualifiedErrorId | Should -Be 'OciInvalidReference,OciMirror.PowerShell.Commands.ExportOciArtifactCommand'
        Test-Path -LiteralPath (Join-Path -Path $stopBundle -ChildPath 'index.json') | Should -BeTrue
        $kept = @(Get-OciBundle -Path $stopBundle).Reference
        foreach ($reference in $lines[0..18]) {
            $kept | Should -Contain $reference
        }
        Test-OciBundle -Path $stopBundle | Should -BeTrue
    }

    It 'lists tags and pipes them into Export-OciArtifact' {
        $tags = @(Get-OciTag -Repository "$registry/test/hello" -Include '1.*' -ResolveDigest -PlainHttp)
        $tags.Count | Should -Be 1
        $tags[0].Reference | Should -Be "$registry/test/hello:1.0"
        $tags[0].Digest | Should -Be $digest

        $piped = $tags | Export-OciArtifact -Path (Join-Path -Path $TestDrive -ChildPath 'from-tags') -PlainHttp
        $piped.Digest | Should -Be $digest
    }

    It 'copies tags piped from Get-OciTag to another registry path with the same digest' {
        $copied = @(Get-OciTag -Repository "$registry/test/hello" -PlainHttp | Copy-OciArtifact -Destination "$registry/copied" -PlainHttp)

        $copied.Count | Should -Be 1
        $copied[0] | Should -BeOfType 'OciMirror.PowerShell.OciArtifactInfo'
        $copied[0].Status | Should -Be 'Copied'
        $copied[0].Destination | Should -Be "$registry/copied/test/hello:1.0"
        Get-ManifestDigest -BaseUri $baseUri -Repository 'copied/test/hello' -Tag '1.0' | Should -Be $digest
    }

    It 'syncs from a sync file; -WhatIf writes nothing and a bad key is a terminating error' {
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
