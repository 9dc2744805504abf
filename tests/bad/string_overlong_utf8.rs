// Overlong UTF-8 (0xC0 0xAF is `/` written in two bytes) is not UTF-8 either.
async fn main() {
    let s = "a¿Øb";
}
