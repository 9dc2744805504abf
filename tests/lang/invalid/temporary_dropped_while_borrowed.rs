// The String is a temporary dropped at the end of the `let`; `s` would point into it.
async fn main() {
    let s: &str = String::from("hello").as_str();
    println!("{}", s);
}
