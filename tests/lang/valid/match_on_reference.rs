// Matching through a reference binds references: the Option is not moved.
async fn main() {
    let opt = Some(String::from("kept"));
    match &opt {
        Some(s) => println!("{}", s),
        None => println!("none"),
    }
    println!("{}", opt.is_some());
}
