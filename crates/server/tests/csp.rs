//! The Content-Security-Policy allows index.html's inline boot scripts (elder mode and language
//! before the first paint) by their hashes: an edit to one of them must update `CSP`, or the
//! browser refuses the script.

use base64::Engine;
use sha2::{Digest, Sha256};

const INDEX_HTML: &str = include_str!("../../../index.html");

#[test]
fn csp_holds_the_hash_of_every_inline_boot_script() {
    let open = "<script data-boot>";
    let mut found = 0;
    for piece in INDEX_HTML.split(open).skip(1) {
        let body = piece.split("</script>").next().unwrap();
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body));
        assert!(
            yidi_server::CSP.contains(&format!("'sha256-{hash}'")),
            "CSP lacks 'sha256-{hash}' of the boot script:\n{body}"
        );
        found += 1;
    }
    assert_eq!(found, 2, "index.html has two inline boot scripts");
}
