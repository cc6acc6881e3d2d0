//! Any text given to the preset reader: a valid preset or a clear error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(preset) = center_loss_lab::preset::Preset::from_json(text)
    {
        assert!(preset.validate().is_ok());
        // A preset that loads saves to JSON that loads back the same.
        assert_eq!(center_loss_lab::preset::Preset::from_json(&preset.to_json()).ok(), Some(preset));
    }
});
