async fn main() {
    let flag = true;
    let v = if flag { 1 } else { "one" };
    println!("{}", v);
}
