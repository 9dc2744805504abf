// A byte that is not UTF-8 inside a string literal: one error at the byte (the JSON writers must
// never see such a string).
async fn main() {
    let s = "café";
    println!("{}", s);
}
