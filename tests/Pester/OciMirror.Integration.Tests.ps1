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
        function Get-Sha256Digest([byte[]] $Bytes) {
            $sha = [System.Security.Cryptography.SHA256]::Create()
            try {
                'sha256:' + (-join ($sha.ComputeHash($Bytes) | ForEach-Object { $_.ToString('x2') }))
            }
            finally {
                $sha.Dispose()
            }
        }

        function Publish-TestBlob([string] $BaseUri, [string] $Repository, [byte[]] $Bytes) {
            $digest = Get-Sha256Digest -Bytes $Bytes
            $start = Invoke-WebRequest -UseBasicParsing -Method Post -Uri "$BaseUri/v2/$Repository/blobs/uploads/"
            $location = [string]$start.Headers['Location']
            if ($location.StartsWith('/')) {
                $location = $BaseUri + $location
            }

            $separator = if ($location.Contains('?')) { '&' } else { '?' }
            $null = Invoke-WebRequest -UseBasicParsing -Method Put -Uri ($location + $separator + 'digest=' + $digest) -Body $Bytes -ContentType 'application/octet-stream'
            $digest
        }

        # Pushes a one-layer OCI image and returns the digest of its manifest, computed from the bytes sent.
        function Publish-TestImage([string] $BaseUri, [string] $Repository, [string] $Tag) {
            $utf8 = New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false
            $config = $utf8.GetBytes('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}')
            $layer = $utf8.GetBytes("OciMirror Pester layer $Repository $Tag")
            $configDigest = Publish-TestBlob -BaseUri $BaseUri -Repository $Repository -Bytes $config
            $layerDigest = Publish-TestBlob -BaseUri $BaseUri -Repository $Repository -Bytes $layer
            $manifestJson = '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",' +
                '"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"' + $configDigest + '","size":' + $config.Length + '},' +
                '"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"' + $layerDigest + '","size":' + $layer.Length + '}]}'
            $manifest = $utf8.GetBytes($manifestJson)
            $null = Invoke-WebRequest -UseBasicParsing -Method Put -Uri "$BaseUri/v2/$Repository/manifests/$Tag" -Body $manifest -ContentType 'application/vnd.oci.image.manifest.v1+json'
            Get-Sha256Digest -Bytes $manifest
        }

        function Get-ManifestDigest([string] $BaseUri, [string] $Repository, [string] $Tag) {
            $response = Invoke-WebRequest -UseBasicParsing -Method Head -Uri "$BaseUri/v2/$Repository/manifests/$Tag" -Headers @{ Accept = 'application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json' }
            [string]$response.Headers['Docker-Content-Digest']
        }

        $registryBinary = Get-Command -Name 'docker-registry' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($registryBinary) {
            $listener = New-Object -TypeName System.Net.Sockets.TcpListener -ArgumentList ([System.Net.IPAddress]::Loopback), 0
            $listener.Start()
            $port = $listener.LocalEndpoint.Port
            $listener.Stop()

            $storage = Join-Path -Path $TestDrive -ChildPath 'registry-storage'
            $configPath = Join-Path -Path $TestDrive -ChildPath 'registry.yml'
            Set-Content -LiteralPath $configPath -Value @(
                'version: 0.1'
                'log:'
                '  level: error'
                'storage:'
                '  filesystem:'
                "    rootdirectory: '$storage'"
                'http:'
                "  addr: 127.0.0.1:$port"
            )
            $registryProcess = Start-Process -FilePath $registryBinary.Source -ArgumentList 'serve', $configPath -PassThru `
                -RedirectStandardOutput (Join-Path -Path $TestDrive -ChildPath 'registry.out') -RedirectStandardError (Join-Path -Path $TestDrive -ChildPath 'registry.err')

            $registry = "127.0.0.1:$port"
            $baseUri = "http://$registry"
            $deadline = [DateTime]::UtcNow.AddSeconds(20)
            $ready = $false
            while (-not $ready -and [DateTime]::UtcNow -lt $deadline) {
                try {
                    $null = Invoke-WebRequest -UseBasicParsing -Uri "$baseUri/v2/" -TimeoutSec 2
                    $ready = $true
                }
                catch {
                    Start-Sleep -Milliseconds 200
                }
            }

            if (-not $ready) {
                throw "docker-registry did not start on $registry"
            }

            $digest = Publish-TestImage -BaseUri $baseUri -Repository 'test/hello' -Tag '1.0'
            $bundle = Join-Path -Path $TestDrive -ChildPath 'bundle'
        }
    }

    AfterAll {
        if ($registryProcess) {
            Stop-Process -Id $registryProcess.Id -Force -ErrorAction SilentlyContinue
        }
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
}
