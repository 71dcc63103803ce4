# Helpers shared by the Pester integration tests: a throw-away CNCF distribution registry on 127.0.0.1
# and a tiny image pushed over the plain registry API (independent of OciMirror's own client).
# Dot-source it inside a BeforeAll block: . (Join-Path -Path $PSScriptRoot -ChildPath 'TestRegistry.ps1')

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

# The digest a tag resolves to, or $null when the registry does not have it.
function Get-ManifestDigest([string] $BaseUri, [string] $Repository, [string] $Tag) {
    try {
        $response = Invoke-WebRequest -UseBasicParsing -Method Head -Uri "$BaseUri/v2/$Repository/manifests/$Tag" -Headers @{ Accept = 'application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json' }
        [string]$response.Headers['Docker-Content-Digest']
    }
    catch {
        $null
    }
}

# Starts docker-registry on a free 127.0.0.1 port with its storage under $Directory and waits until it
# answers. Returns an object with Process, Registry (host:port) and BaseUri; stop it with Stop-TestRegistry.
# Throws with an install hint when the binary is missing: the tests fail rather than skip silently.
function Start-TestRegistry([string] $Directory) {
    $binary = Get-Command -Name 'docker-registry' -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $binary) {
        throw 'docker-registry is not installed (apt-get install docker-registry; scripts/test.sh installs it).'
    }

    $listener = New-Object -TypeName System.Net.Sockets.TcpListener -ArgumentList ([System.Net.IPAddress]::Loopback), 0
    $listener.Start()
    $port = $listener.LocalEndpoint.Port
    $listener.Stop()

    $storage = Join-Path -Path $Directory -ChildPath 'registry-storage'
    $configPath = Join-Path -Path $Directory -ChildPath 'registry.yml'
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
    $process = Start-Process -FilePath $binary.Source -ArgumentList 'serve', $configPath -PassThru `
        -RedirectStandardOutput (Join-Path -Path $Directory -ChildPath 'registry.out') -RedirectStandardError (Join-Path -Path $Directory -ChildPath 'registry.err')

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
        Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
        throw "docker-registry did not start on $registry"
    }

    [pscustomobject]@{ Process = $process; Registry = $registry; BaseUri = $baseUri }
}

function Stop-TestRegistry($Instance) {
    if ($Instance) {
        Stop-Process -Id $Instance.Process.Id -Force -ErrorAction SilentlyContinue
    }
}
