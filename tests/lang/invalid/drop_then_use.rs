// `drop` takes its argument by value.
async fn main() {
    let s = String::from("bye");
    drop(s);
    println!("{}", s);
}
