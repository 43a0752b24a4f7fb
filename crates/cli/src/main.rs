fn main() {
    println!("{}", yidi_core::money::Money::ZERO.display());
}
