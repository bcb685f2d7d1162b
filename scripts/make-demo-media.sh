#!/usr/bin/env bash
# Generates the demo HLS VOD that the all-in-one server serves (and loops as its live channel).
#
#   scripts/make-demo-media.sh [output-dir]     (default: src/HlsSwarm.Server/DemoMedia)
#
# Output: master.m3u8 + two renditions (360p ~600 kbit/s, 240p ~250 kbit/s), H.264 + AAC in MPEG-TS,
# every segment exactly 2 s (fixed 60-frame GOP at 30 fps, keyframe every 2 s, no scene-cut keyframes),
# 120 s long (60 segments per rendition). The picture shows testsrc2 with a running clock and frame counter,
# the sound is a 440 Hz sine tone with a short 880 Hz beep at every segment start.
#
# Run once; the output is committed. Flags are chosen to be deterministic (single-threaded x264,
# bitexact muxers), so a rerun with the same ffmpeg build produces the same bytes.
set -euo pipefail

OUT="${1:-$(cd "$(dirname "$0")/.." && pwd)/src/HlsSwarm.Server/DemoMedia}"
DURATION=120          # seconds
SEG=2                 # segment duration, seconds
FPS=30
GOP=$((SEG * FPS))
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf

rm -rf "$OUT"
mkdir -p "$OUT"

# name width height video-kbit/s maxrate-kbit/s audio-kbit/s profile level
RENDITIONS=(
  "360p 640 360 600 700 64 main 3.0"
  "240p 426 240 250 300 48 baseline 2.1"
)

for r in "${RENDITIONS[@]}"; do
  read -r name w h vb vmax ab profile level <<<"$r"
  mkdir -p "$OUT/$name"
  fontsize=$((h / 10))
  ffmpeg -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=${w}x${h}:rate=${FPS}:duration=${DURATION}" \
    -f lavfi -i "sine=frequency=440:beep_factor=2:sample_rate=48000:duration=${DURATION}" \
    -vf "drawtext=fontfile=${FONT}:fontsize=${fontsize}:fontcolor=white:box=1:boxcolor=black@0.6:x=10:y=10:text='HlsSwarm ${name}  %{pts\:hms}',drawtext=fontfile=${FONT}:fontsize=${fontsize}:fontcolor=yellow:box=1:boxcolor=black@0.6:x=10:y=h-th-10:text='frame %{frame_num}  seg %{eif\:floor(t/${SEG})\:d}'" \
    -map 0:v -map 1:a \
    -c:v libx264 -profile:v "$profile" -level:v "$level" -pix_fmt yuv420p -preset medium -threads 1 \
    -b:v "${vb}k" -maxrate "${vmax}k" -bufsize "$((vmax * 2))k" \
    -g "$GOP" -keyint_min "$GOP" -sc_threshold 0 -force_key_frames "expr:gte(t,n_forced*${SEG})" \
    -x264-params "rc-lookahead=30:sliced-threads=0" \
    -c:a aac -b:a "${ab}k" -ac 2 -ar 48000 \
    -fflags +bitexact -flags:v +bitexact -flags:a +bitexact -map_metadata -1 \
    -f hls -hls_time "$SEG" -hls_list_size 0 -hls_playlist_type vod -hls_flags independent_segments \
    -hls_segment_type mpegts -hls_segment_filename "$OUT/$name/seg-%d.ts" -start_number 0 \
    "$OUT/$name/index.m3u8"
done

# Master playlist, written here so every attribute is present: BANDWIDTH is the peak segment bit rate,
# AVERAGE-BANDWIDTH the mean over all segments (RFC 8216 §4.3.4.2).
{
  echo "#EXTM3U"
  echo "#EXT-X-VERSION:6"
  echo "#EXT-X-INDEPENDENT-SEGMENTS"
  for r in "${RENDITIONS[@]}"; do
    read -r name w h vb vmax ab profile level <<<"$r"
    case "$profile" in
      main) codec="avc1.4d00$(printf %02x "${level/./}")" ;;
      baseline) codec="avc1.4200$(printf %02x "${level/./}")" ;;
    esac
    total=0; peak=0; n=0
    for f in "$OUT/$name"/seg-*.ts; do
      s=$(stat -c %s "$f"); total=$((total + s)); n=$((n + 1))
      ((s > peak)) && peak=$s
    done
    peak_bps=$((peak * 8 / SEG))
    avg_bps=$((total * 8 / (n * SEG)))
    echo "#EXT-X-STREAM-INF:BANDWIDTH=${peak_bps},AVERAGE-BANDWIDTH=${avg_bps},RESOLUTION=${w}x${h},FRAME-RATE=${FPS}.000,CODECS=\"${codec},mp4a.40.2\""
    echo "${name}/index.m3u8"
  done
} >"$OUT/master.m3u8"

du -sh "$OUT"
