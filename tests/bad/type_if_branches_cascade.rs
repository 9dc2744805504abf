async fn main() {
    let flag = true;
    let n: u32 = if flag { } else { 5 };
    println!("{}", n);
}
