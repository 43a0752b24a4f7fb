fn main() {
    yidi_app::run();
}
