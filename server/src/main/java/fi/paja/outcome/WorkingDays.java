package fi.paja.outcome;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.Set;

/**
 * Finnish working days: Monday to Friday, except the public holidays (uudenvuodenpäivä, loppiainen, pitkäperjantai,
 * 2. pääsiäispäivä, vappu, helatorstai, juhannusaatto, itsenäisyyspäivä, jouluaatto, joulupäivä, tapaninpäivä).
 * Used for the promise to reply to feedback, e.g. "within five working days".
 */
public final class WorkingDays {

  private WorkingDays() {
  }

  /** The date {@code days} working days after {@code from} (from itself does not count). */
  public static LocalDate add(LocalDate from, int days) {
    LocalDate date = from;
    int left = days;
    while (left > 0) {
      date = date.plusDays(1);
      if (isWorkingDay(date)) {
        left--;
      }
    }
    return date;
  }

  public static boolean isWorkingDay(LocalDate date) {
    DayOfWeek d = date.getDayOfWeek();
    return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !holidays(date.getYear()).contains(date);
  }

  /** Finnish public holidays that can fall on a weekday. */
  public static Set<LocalDate> holidays(int year) {
    Set<LocalDate> days = new HashSet<>();
    days.add(LocalDate.of(year, Month.JANUARY, 1));
    days.add(LocalDate.of(year, Month.JANUARY, 6));
    LocalDate easter = easterSunday(year);
    days.add(easter.minusDays(2));
    days.add(easter.plusDays(1));
    days.add(LocalDate.of(year, Month.MAY, 1));
    days.add(easter.plusDays(39));
    // Midsummer Eve: the Friday between 19 and 25 June.
    days.add(LocalDate.of(year, Month.JUNE, 19).with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY)));
    days.add(LocalDate.of(year, Month.DECEMBER, 6));
    days.add(LocalDate.of(year, Month.DECEMBER, 24));
    days.add(LocalDate.of(year, Month.DECEMBER, 25));
    days.add(LocalDate.of(year, Month.DECEMBER, 26));
    return days;
  }

  /** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
  public static LocalDate easterSunday(int year) {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = ((h + l - 7 * m + 114) % 31) + 1;
    return LocalDate.of(year, month, day);
  }
}
