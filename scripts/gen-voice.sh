#!/usr/bin/env bash
# Generates the display board's Indonesian voice clips (queue, issue 4) into ui/public/voice/:
# one small WAV per word (mono, 11 kHz, 16-bit; silence trimmed) spoken by espeak-ng's `id`
# voice, and a two-tone chime made with sox. The board plays them in sequence
# (ui/src/lib/queue/voice.ts): chime, "nomor antrian", the number's letter and digits one by one,
# "silakan ke", "loket", the counter's number. The clips are committed and ship with the app;
# run this again only to change them. Needs espeak-ng and sox (scripts/setup.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
out=ui/public/voice
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

RATE=11025
SPEED=${LOKET_VOICE_SPEED:-140}

say() { # say FILE TEXT
  espeak-ng -v id -s "$SPEED" -w "$tmp/raw.wav" "$2"
  sox "$tmp/raw.wav" -r "$RATE" -c 1 -b 16 "$out/$1.wav" \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse norm -1 pad 0 0.05
}

say nomor_antrian "nomor antrian"
say silakan_ke "silakan ke"
say loket "loket"
words=(nol satu dua tiga empat lima enam tujuh delapan sembilan)
for i in "${!words[@]}"; do say "d$i" "${words[$i]}"; done
say sepuluh "sepuluh"
say sebelas "sebelas"
say belas "belas"
say puluh "puluh"
say seratus "seratus"
say ratus "ratus"
# letter names as Indonesians spell them
letters=(a be ce de e ef ge ha i je ka el em en o pe ki er es te u fe we eks ye zet)
abc=(A B C D E F G H I J K L M N O P Q R S T U V W X Y Z)
for i in "${!abc[@]}"; do say "l${abc[$i]}" "${letters[$i]}"; done

# chime: two soft tones (E5 then C5) with a fade
sox -n -r "$RATE" -c 1 -b 16 "$tmp/t1.wav" synth 0.35 sine 659.25 fade q 0.01 0.35 0.25 vol 0.5
sox -n -r "$RATE" -c 1 -b 16 "$tmp/t2.wav" synth 0.6 sine 523.25 fade q 0.01 0.6 0.45 vol 0.5
sox "$tmp/t1.wav" "$tmp/t2.wav" "$out/chime.wav" pad 0 0.15

du -sh "$out"
