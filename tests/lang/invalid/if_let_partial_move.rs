// `if let Some(s) = opt` moves the String out of the Option: `opt` is partially moved.
async fn main() {
    let opt = Some(String::from("inside"));
    if let Some(s) = opt {
        println!("{}", s);
    }
    println!("{:?}", opt);
}
