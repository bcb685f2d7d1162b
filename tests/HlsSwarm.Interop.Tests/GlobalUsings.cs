// NetworkNamespace, ChromiumInNamespace and HostCandidates moved from HlsSwarm.Testing to src/HlsSwarm.Chromium
// (the Cli's data-channel benchmark needs them too); tests keep using them without a using line.
global using HlsSwarm.Chromium;
