//! Phone photos made small enough to send on a slow line: drawn onto a canvas whose long side is
//! at most [`LONG_SIDE`] px and encoded as JPEG, stepping the quality down until the file is
//! about [`TARGET_BYTES`] or less. Re-encoding from pixels also drops the photo's EXIF block (GPS
//! location, device), which a 居住证 photo taken at home must not carry.

use js_sys::Promise;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, HtmlCanvasElement, ImageBitmap};

pub const LONG_SIDE: f64 = 1600.0;
pub const TARGET_BYTES: f64 = 400.0 * 1024.0;
/// Tried in order; the first that fits [`TARGET_BYTES`] wins, else the last.
const QUALITIES: [f64; 4] = [0.85, 0.75, 0.65, 0.5];

/// The size a `w`×`h` image is drawn at: its long side at most [`LONG_SIDE`], never enlarged.
pub fn fit(w: f64, h: f64) -> (u32, u32) {
    let scale = (LONG_SIDE / w.max(h)).min(1.0);
    (
        (w * scale).round().max(1.0) as u32,
        (h * scale).round().max(1.0) as u32,
    )
}

/// Why an image could not be made ready.
#[derive(Debug, Clone, PartialEq)]
pub struct NotAnImage;

/// Decodes `file` (any image the browser reads) and returns it as a JPEG within the limits.
pub async fn downscale(file: &Blob) -> Result<Blob, NotAnImage> {
    let window = web_sys::window().ok_or(NotAnImage)?;
    let bitmap: ImageBitmap = JsFuture::from(
        window
            .create_image_bitmap_with_blob(file)
            .map_err(|_| NotAnImage)?,
    )
    .await
    .map_err(|_| NotAnImage)?
    .dyn_into()
    .map_err(|_| NotAnImage)?;
    let (w, h) = fit(f64::from(bitmap.width()), f64::from(bitmap.height()));
    let canvas: HtmlCanvasElement = window
        .document()
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|c| c.dyn_into().ok())
        .ok_or(NotAnImage)?;
    canvas.set_width(w);
    canvas.set_height(h);
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or(NotAnImage)?;
    let drawn =
        ctx.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, w.into(), h.into());
    bitmap.close();
    drawn.map_err(|_| NotAnImage)?;
    let mut last = None;
    for q in QUALITIES {
        let blob = encode(&canvas, q).await.ok_or(NotAnImage)?;
        if blob.size() <= TARGET_BYTES {
            return Ok(blob);
        }
        last = Some(blob);
    }
    last.ok_or(NotAnImage)
}

async fn encode(canvas: &HtmlCanvasElement, quality: f64) -> Option<Blob> {
    let mut body = |resolve: js_sys::Function, _reject: js_sys::Function| {
        let done = Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        if canvas
            .to_blob_with_type_and_encoder_options(
                done.unchecked_ref(),
                "image/jpeg",
                &quality.into(),
            )
            .is_err()
        {
            // Tainted or detached canvas: the callback never comes.
            let _ = _reject.call0(&JsValue::NULL);
        }
    };
    JsFuture::from(Promise::new(&mut body))
        .await
        .ok()?
        .dyn_into()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn a_phone_photo_fits_the_long_side_and_keeps_its_shape() {
        assert_eq!(fit(4032.0, 3024.0), (1600, 1200));
        assert_eq!(fit(3024.0, 4032.0), (1200, 1600));
    }

    #[test]
    fn a_small_image_is_never_enlarged() {
        assert_eq!(fit(800.0, 600.0), (800, 600));
    }
}
