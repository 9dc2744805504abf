// Two `&mut a` in one call.
async fn main() {
    let mut a = 1;
    std::mem::swap(&mut a, &mut a);
    println!("{}", a);
}
